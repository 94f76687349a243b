-- The post-tag links this batch inserted, per tag, day and language.
INSERT INTO tag_posts_per_day_lang (tag, source, day, lang, posts)
SELECT t.tag, t.source, t.created_at / 86400000, p.lang, COUNT(*)
FROM post_tag t JOIN post p ON p.source = t.source AND p.id = t.post_id
WHERE t.source = :#${exchangeProperty.batch.source} AND t.post_id IN (:#in:postIds) AND t.batch_id = :#${header.batchId}
GROUP BY t.tag, t.source, t.created_at / 86400000, p.lang
ON CONFLICT (tag, source, day, lang) DO UPDATE SET posts = tag_posts_per_day_lang.posts + excluded.posts
