-- Full-text search over vendors. Contentless (the text lives only in `vendor`), with deletes
-- that really remove a row's tokens, keyed by vendor.seq. Filled and kept in step by the core
-- (src/vendor/search.rs), in the same transaction as each change.
CREATE VIRTUAL TABLE vendor_search USING fts5 (
    business_name,
    owner_name,
    place,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO vendor_search (vendor_search, rank) VALUES ('secure-delete', 1);
