-- The Jakpreneur stages per vendor, in any order. Stages are named, not numbered: agencies
-- number P2 (pelatihan) and P3 (pendampingan) differently.
CREATE TABLE vendor_stage (
    id         TEXT PRIMARY KEY,
    vendor_id  TEXT NOT NULL,
    stage      TEXT NOT NULL CHECK (stage IN ('pendaftaran', 'pelatihan', 'pendampingan', 'perizinan',
                                              'pemasaran', 'pelaporan_keuangan', 'permodalan')),
    status     TEXT NOT NULL CHECK (status IN ('belum', 'proses', 'selesai')),
    date       TEXT,
    note       TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    deleted_at INTEGER
) STRICT;

CREATE UNIQUE INDEX vendor_stage_one ON vendor_stage (vendor_id, stage) WHERE deleted_at IS NULL;
