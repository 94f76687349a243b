INSERT INTO post (source, id, created_at, text, lang, url, author_id, batch_id)
VALUES (:#source, :#id, :#createdAt, :#text, :#lang, :#url, :#authorId, :#${header.batchId})
ON CONFLICT (source, id) DO NOTHING
