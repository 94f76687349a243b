INSERT INTO post (source, id, created_at, text, lang, url, author_id)
VALUES (:#source, :#id, :#createdAt, :#text, :#lang, :#url, :#authorId)
ON CONFLICT (source, id) DO NOTHING
