-- Exchange between laptops (docs/EXCHANGE.md). Every exchanged field has a clock: the
-- (time, device) of the edit that set it; fields never edited since the row was made have
-- none and count as the row's creation. The triggers that keep these are installed by the
-- code that lists the exchanged tables (src/exchange/tables.rs), right after this file.
CREATE TABLE field_clock (
    tbl     TEXT NOT NULL,
    row_key TEXT NOT NULL,
    field   TEXT NOT NULL,
    time    INTEGER NOT NULL,
    device  TEXT NOT NULL,
    PRIMARY KEY (tbl, row_key, field)
) STRICT, WITHOUT ROWID;

-- A local counter of written rows: "what changed since the last exchange with a laptop".
CREATE TABLE sync_counter (n INTEGER NOT NULL) STRICT;
INSERT INTO sync_counter (n) VALUES (0);
CREATE TABLE row_seq (
    tbl     TEXT NOT NULL,
    row_key TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (tbl, row_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX row_seq_by_seq ON row_seq (seq);

-- Every export and import, for the history per laptop.
CREATE TABLE exchange (
    id          TEXT PRIMARY KEY,
    direction   TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    peer_device TEXT,
    file_name   TEXT NOT NULL,
    at          INTEGER NOT NULL,
    from_seq    INTEGER NOT NULL,
    to_seq      INTEGER NOT NULL,
    counts      TEXT NOT NULL CHECK (json_valid(counts))
) STRICT;

-- Per other laptop: how far its changes have reached us (its counter), and how far ours
-- have reached it (as its last bundle told us).
CREATE TABLE peer (
    device     TEXT PRIMARY KEY,
    their_seq  INTEGER NOT NULL DEFAULT 0,
    acked_seq  INTEGER NOT NULL DEFAULT 0,
    seen_at    INTEGER NOT NULL
) STRICT;
