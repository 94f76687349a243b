-- words: the text as the full-text index reads it (io.tagwatch.post.SearchWords). Inserting the row
-- indexes it in this same statement: on PostgreSQL the column `search` is generated from words, on
-- SQLite a trigger adds the row to post_fts (db/vendor/*/V12__post_search.sql).
INSERT INTO post (source, id, created_at, text, words, lang, url, author_id, batch_id)
VALUES (:#source, :#id, :#createdAt, :#text, :#words, :#lang, :#url, :#authorId, :#${header.batchId})
ON CONFLICT (source, id) DO NOTHING
