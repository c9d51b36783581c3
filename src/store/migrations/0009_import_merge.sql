-- History learns two actions: rows changed by a spreadsheet import, and vendors merged as
-- duplicates. SQLite cannot change a CHECK constraint, so the table is rebuilt as it was.
CREATE TABLE vendor_change_next (
    id         TEXT PRIMARY KEY,
    vendor_id  TEXT NOT NULL,
    action     TEXT NOT NULL
               CHECK (action IN ('create', 'edit', 'archive', 'restore', 'import', 'merge')),
    -- JSON array of {"field", "old", "new"}; old is null on create.
    changes    TEXT NOT NULL CHECK (json_valid(changes)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    deleted_at INTEGER
) STRICT;

INSERT INTO vendor_change_next
    SELECT id, vendor_id, action, changes, created_at, updated_at, device_id, deleted_at
    FROM vendor_change;
DROP TABLE vendor_change;
ALTER TABLE vendor_change_next RENAME TO vendor_change;
CREATE INDEX vendor_change_by_vendor ON vendor_change (vendor_id, created_at);

-- A vendor merged into another is a tombstone that says which vendor it became, so records
-- from other laptops that still name it can follow.
ALTER TABLE vendor ADD COLUMN merged_into TEXT;
