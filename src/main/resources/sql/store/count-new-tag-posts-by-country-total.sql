-- count-new-tag-posts-by-country.sql for the all-time counts.
INSERT INTO tag_posts_by_country (tag, source, country, posts)
SELECT t.tag, t.source, COALESCE(a.country, 'ZZ'), COUNT(*)
FROM post_tag t
JOIN post p ON p.source = t.source AND p.id = t.post_id
JOIN author a ON a.source = p.source AND a.id = p.author_id
WHERE t.source = :#${exchangeProperty.batch.source} AND t.post_id IN (:#in:postIds) AND t.batch_id = :#${header.batchId}
GROUP BY t.tag, t.source, COALESCE(a.country, 'ZZ')
ON CONFLICT (tag, source, country) DO UPDATE SET posts = tag_posts_by_country.posts + excluded.posts
