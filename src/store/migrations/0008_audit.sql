-- What was done to personal data, without the data itself: erasures and exports of one
-- person's record. Append-only.
CREATE TABLE audit (
    id         TEXT PRIMARY KEY,
    action     TEXT NOT NULL CHECK (action IN ('erase', 'export')),
    subject_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    deleted_at INTEGER
) STRICT;

-- The audit log cannot be edited or deleted through SQL.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit log cannot be changed');
END;
