-- Every change to a vendor: who (device), when, what (action) and which fields, old and new.
-- Append-only; the same sync columns as every other table.
CREATE TABLE vendor_change (
    id         TEXT PRIMARY KEY,
    vendor_id  TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('create', 'edit', 'archive', 'restore')),
    -- JSON array of {"field", "old", "new"}; old is null on create.
    changes    TEXT NOT NULL CHECK (json_valid(changes)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    deleted_at INTEGER
) STRICT;

CREATE INDEX vendor_change_by_vendor ON vendor_change (vendor_id, created_at);
