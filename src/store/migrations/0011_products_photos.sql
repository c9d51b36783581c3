-- Products (per vendor) and their photos. A photo's pixels are stored once per content
-- (photo_blob, keyed by the SHA-256 of the original file); products refer to them in order,
-- the first being the cover, each with its framings for 1:1, 4:5 and 9:16.
CREATE TABLE product (
    id             TEXT PRIMARY KEY,
    vendor_id      TEXT NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT,
    description_en TEXT,
    category_slug  TEXT NOT NULL,
    subcategory    TEXT,
    price_rp       INTEGER NOT NULL CHECK (price_rp >= 0),
    stock          INTEGER CHECK (stock >= 0),
    min_order      INTEGER CHECK (min_order >= 1),
    weight_g       INTEGER CHECK (weight_g >= 0),
    length_cm      INTEGER,
    width_cm       INTEGER,
    height_cm      INTEGER,
    condition      TEXT NOT NULL DEFAULT 'baru' CHECK (condition IN ('baru', 'bekas')),
    sku            TEXT,
    -- JSON: [{"name": "Rasa", "options": ["Pedas", "Original"]}], at most two types.
    variants       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(variants)),
    -- JSON: ids of the vendor's legality documents this product carries.
    legality_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(legality_ids)),
    preorder_days  INTEGER CHECK (preorder_days BETWEEN 1 AND 90),
    archived_at    INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    device_id      TEXT NOT NULL,
    deleted_at     INTEGER
) STRICT;

CREATE INDEX product_by_vendor ON product (vendor_id) WHERE deleted_at IS NULL;
CREATE INDEX product_by_name ON product (name COLLATE NOCASE, id) WHERE deleted_at IS NULL;

CREATE TABLE photo_blob (
    hash            TEXT PRIMARY KEY,
    master          BLOB NOT NULL,
    thumb           BLOB NOT NULL,
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    original_width  INTEGER NOT NULL,
    original_height INTEGER NOT NULL,
    source_format   TEXT NOT NULL,
    brightness      REAL NOT NULL,
    sharpness       REAL NOT NULL,
    phash           INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
) STRICT;

CREATE TABLE product_photo (
    id           TEXT PRIMARY KEY,
    product_id   TEXT NOT NULL,
    blob_hash    TEXT NOT NULL,
    position     INTEGER NOT NULL,
    -- JSON {"x","y","w","h"} in master pixels; null means centred.
    crop_1x1     TEXT CHECK (crop_1x1 IS NULL OR json_valid(crop_1x1)),
    crop_4x5     TEXT CHECK (crop_4x5 IS NULL OR json_valid(crop_4x5)),
    crop_9x16    TEXT CHECK (crop_9x16 IS NULL OR json_valid(crop_9x16)),
    shows_person INTEGER NOT NULL DEFAULT 0 CHECK (shows_person IN (0, 1)),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    device_id    TEXT NOT NULL,
    deleted_at   INTEGER
) STRICT;

CREATE UNIQUE INDEX product_photo_once ON product_photo (product_id, blob_hash)
    WHERE deleted_at IS NULL;
CREATE INDEX product_photo_by_product ON product_photo (product_id, position)
    WHERE deleted_at IS NULL;
CREATE INDEX product_photo_by_blob ON product_photo (blob_hash);
