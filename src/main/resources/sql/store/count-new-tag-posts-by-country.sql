-- The post-tag links this batch inserted, per tag, day and the author's country (after this batch's
-- author updates).
INSERT INTO tag_posts_per_day_country (tag, source, day, country, posts)
SELECT t.tag, t.source, t.created_at / 86400000, COALESCE(a.country, 'ZZ'), COUNT(*)
FROM post_tag t
JOIN post p ON p.source = t.source AND p.id = t.post_id
JOIN author a ON a.source = p.source AND a.id = p.author_id
WHERE t.source = :#${exchangeProperty.batch.source} AND t.post_id IN (:#in:postIds) AND t.batch_id = :#${header.batchId}
GROUP BY t.tag, t.source, t.created_at / 86400000, COALESCE(a.country, 'ZZ')
ON CONFLICT (tag, source, day, country) DO UPDATE SET posts = tag_posts_per_day_country.posts + excluded.posts
