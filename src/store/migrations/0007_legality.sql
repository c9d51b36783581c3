-- A vendor's legality documents (P-IRT, BPOM, halal, ...), format-checked by kind.
CREATE TABLE legality (
    id          TEXT PRIMARY KEY,
    vendor_id   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('pirt', 'bpom', 'halal', 'hki', 'sni', 'other')),
    number      TEXT NOT NULL,
    issued_on   TEXT,
    valid_until TEXT,
    note        TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    device_id   TEXT NOT NULL,
    deleted_at  INTEGER
) STRICT;

CREATE INDEX legality_by_vendor ON legality (vendor_id) WHERE deleted_at IS NULL;
