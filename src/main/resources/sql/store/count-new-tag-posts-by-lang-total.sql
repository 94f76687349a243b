-- count-new-tag-posts-by-lang.sql for the all-time counts.
INSERT INTO tag_posts_by_lang (tag, source, lang, posts)
SELECT t.tag, t.source, p.lang, COUNT(*)
FROM post_tag t JOIN post p ON p.source = t.source AND p.id = t.post_id
WHERE t.source = :#${exchangeProperty.batch.source} AND t.post_id IN (:#in:postIds) AND t.batch_id = :#${header.batchId}
GROUP BY t.tag, t.source, p.lang
ON CONFLICT (tag, source, lang) DO UPDATE SET posts = tag_posts_by_lang.posts + excluded.posts
