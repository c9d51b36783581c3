-- The catalogue's look: the programme's logo (a JPEG made by the photo pipeline from the
-- file an instructor chose) and, on vendors, the link to their online shop (public business
-- information, printed as a QR code in the catalogue).
CREATE TABLE catalogue_asset (
    name TEXT PRIMARY KEY CHECK (name IN ('logo')),
    bytes BLOB NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

ALTER TABLE vendor ADD COLUMN shop_link TEXT;
