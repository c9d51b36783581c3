-- The Friday planner (issue 5): what a product claims and who registered it, curation reviews,
-- the weekly editions with their selections, the frozen public snapshots of published
-- editions, and the log of what went to which channel.

-- Halal is claimed only with a certificate; packaged food needs a P-IRT or BPOM number unless
-- it is exempt (shelf life under 7 days, ready to eat, raw produce).
ALTER TABLE product ADD COLUMN halal_claim INTEGER NOT NULL DEFAULT 0 CHECK (halal_claim IN (0, 1));
ALTER TABLE product ADD COLUMN permit_exempt TEXT
    CHECK (permit_exempt IS NULL OR permit_exempt IN ('fresh', 'ready_to_eat', 'raw'));
-- The laptop that registered it, so its revision queue finds it after registries are merged.
ALTER TABLE product ADD COLUMN created_device TEXT;
UPDATE product SET created_device = device_id;

-- One review per visit of a curator; the newest is the product's curation state.
CREATE TABLE curation_review (
    id          TEXT PRIMARY KEY,
    product_id  TEXT NOT NULL,
    legality    TEXT NOT NULL CHECK (legality IN ('ok', 'revise', 'na')),
    quality     TEXT NOT NULL CHECK (quality IN ('ok', 'revise', 'na')),
    packaging   TEXT NOT NULL CHECK (packaging IN ('ok', 'revise', 'na')),
    taste       TEXT NOT NULL CHECK (taste IN ('ok', 'revise', 'na')),
    hygiene     TEXT NOT NULL CHECK (hygiene IN ('ok', 'revise', 'na')),
    photo       TEXT NOT NULL CHECK (photo IN ('ok', 'revise', 'na')),
    verdict     TEXT NOT NULL CHECK (verdict IN ('ok', 'revise')),
    notes       TEXT,
    reviewer    TEXT NOT NULL CHECK (length(reviewer) BETWEEN 1 AND 120),
    reviewed_on TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    device_id   TEXT NOT NULL,
    deleted_at  INTEGER
) STRICT;

CREATE INDEX curation_by_product ON curation_review (product_id, created_at);

-- Fridays without an edition (public holidays): the rotation continues after them.
CREATE TABLE skipped_friday (
    friday     TEXT PRIMARY KEY,
    reason     TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    deleted_at INTEGER
) STRICT;

CREATE TABLE edition (
    id           TEXT PRIMARY KEY,
    friday       TEXT NOT NULL,
    theme_slug   TEXT NOT NULL,
    scope_level  TEXT NOT NULL CHECK (scope_level IN ('province', 'city', 'kecamatan')),
    scope_code   TEXT NOT NULL,
    quota        INTEGER NOT NULL CHECK (quota BETWEEN 1 AND 100),
    -- JSON arrays of channel keys and of hashtags.
    channels     TEXT NOT NULL CHECK (json_valid(channels)),
    hashtags     TEXT NOT NULL CHECK (json_valid(hashtags)),
    state        TEXT NOT NULL CHECK (state IN ('draft', 'curated', 'published')),
    published_at INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    device_id    TEXT NOT NULL,
    deleted_at   INTEGER
) STRICT;

CREATE UNIQUE INDEX edition_per_friday ON edition (friday) WHERE deleted_at IS NULL;

CREATE TABLE edition_item (
    edition_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    position   INTEGER NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('suggested', 'manual')),
    -- JSON {"id", "en"}: why the suggestion chose it.
    reason     TEXT CHECK (reason IS NULL OR json_valid(reason)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    device_id  TEXT NOT NULL,
    deleted_at INTEGER,
    PRIMARY KEY (edition_id, product_id)
) STRICT;

-- A published edition's items as they were published: public fields only (see
-- src/planner/snapshot.rs), so later edits and private data never reach its outputs.
CREATE TABLE edition_snapshot (
    edition_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    vendor_id  TEXT NOT NULL,
    position   INTEGER NOT NULL,
    data       TEXT NOT NULL CHECK (json_valid(data)),
    PRIMARY KEY (edition_id, product_id)
) STRICT;

CREATE INDEX edition_snapshot_by_product ON edition_snapshot (product_id);
CREATE INDEX edition_snapshot_by_vendor ON edition_snapshot (vendor_id);

CREATE TABLE publish_log (
    id         TEXT PRIMARY KEY,
    edition_id TEXT NOT NULL,
    channel    TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('published', 'sent')),
    note       TEXT,
    at         INTEGER NOT NULL,
    device_id  TEXT NOT NULL
) STRICT;

CREATE INDEX publish_log_by_edition ON publish_log (edition_id, at);
