-- Etalase registry, schema 1.
-- Every syncable row carries: a UUIDv7 id made on the device, created/updated times in
-- milliseconds since the Unix epoch, the id of the device that last changed it, and a
-- tombstone (deleted_at) instead of a hard delete, so registries from several laptops merge.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- The Friday rotation's categories. They are data, not code: later editions of the programme
-- may rename or add them.
CREATE TABLE category (
    slug       TEXT PRIMARY KEY,
    name_id    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    rotation   INTEGER NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    deleted_at INTEGER
) STRICT;

INSERT INTO category (slug, name_id, name_en, rotation, created_at, updated_at, device_id) VALUES
    ('makanan-minuman',  'Makanan dan Minuman',  'Food and beverage',      1, 0, 0, 'seed'),
    ('fesyen-kerajinan', 'Fesyen dan Kerajinan', 'Fashion and handicraft', 2, 0, 0, 'seed'),
    ('rumah-tangga',     'Produk Rumah Tangga',  'Household products',     3, 0, 0, 'seed'),
    ('kesehatan',        'Produk Kesehatan',     'Health products',        4, 0, 0, 'seed');

CREATE TABLE vendor (
    -- A local key that VACUUM never renumbers (the search index refers to it); never exchanged.
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    business_name  TEXT NOT NULL CHECK (length(business_name) BETWEEN 1 AND 120),
    owner_name     TEXT NOT NULL CHECK (length(owner_name) BETWEEN 1 AND 120),
    phone          TEXT NOT NULL CHECK (phone GLOB '+628[0-9]*'),
    kecamatan_code TEXT NOT NULL CHECK (kecamatan_code GLOB '31.[0-9][0-9].[0-9][0-9]'),
    category_slug  TEXT NOT NULL REFERENCES category (slug),
    archived_at    INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    device_id      TEXT NOT NULL,
    deleted_at     INTEGER
) STRICT;

CREATE INDEX vendor_by_name ON vendor (business_name COLLATE NOCASE, id) WHERE deleted_at IS NULL;
CREATE INDEX vendor_by_kecamatan ON vendor (kecamatan_code) WHERE deleted_at IS NULL;
CREATE INDEX vendor_by_phone ON vendor (phone) WHERE deleted_at IS NULL;
