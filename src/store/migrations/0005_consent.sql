-- Consent under UU 27/2022 (personal data protection): one row per grant, closed by a
-- withdrawal; never updated otherwise, so the table is its own audit trail.
CREATE TABLE consent (
    id             TEXT PRIMARY KEY,
    vendor_id      TEXT NOT NULL,
    purpose        TEXT NOT NULL CHECK (purpose IN ('registration', 'publish', 'contact', 'people_photos')),
    form           TEXT NOT NULL CHECK (form IN ('written', 'recorded', 'electronic')),
    notice_version TEXT NOT NULL,
    granted_at     INTEGER NOT NULL,
    withdrawn_at   INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    device_id      TEXT NOT NULL,
    deleted_at     INTEGER
) STRICT;

CREATE INDEX consent_by_vendor ON consent (vendor_id, purpose, granted_at);
