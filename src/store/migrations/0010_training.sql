-- Training classes (pelatihan) and coaching sessions (pendampingan) run by the training
-- centres, and who took part. Recording attendance moves the participants' P2/P3 stages.
CREATE TABLE training_class (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('pelatihan', 'pendampingan')),
    topic          TEXT NOT NULL,
    -- YYYY-MM-DD; ends_on is null for a one-day class.
    starts_on      TEXT NOT NULL,
    ends_on        TEXT,
    trainer        TEXT,
    place_kind     TEXT NOT NULL CHECK (place_kind IN ('training_centre', 'kecamatan_office', 'other')),
    place          TEXT,
    kecamatan_code TEXT,
    notes          TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    device_id      TEXT NOT NULL,
    deleted_at     INTEGER
) STRICT;

CREATE INDEX training_class_by_date ON training_class (starts_on) WHERE deleted_at IS NULL;

CREATE TABLE class_participant (
    id         TEXT PRIMARY KEY,
    class_id   TEXT NOT NULL,
    vendor_id  TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('registered', 'attended', 'absent')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    deleted_at INTEGER
) STRICT;

CREATE UNIQUE INDEX class_participant_one ON class_participant (class_id, vendor_id)
    WHERE deleted_at IS NULL;
CREATE INDEX class_participant_by_vendor ON class_participant (vendor_id) WHERE deleted_at IS NULL;
