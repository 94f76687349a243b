-- The post-tag links this batch inserted, per tag and UTC day.
INSERT INTO tag_posts_per_day (tag, source, day, posts)
SELECT tag, source, created_at / 86400000, COUNT(*) FROM post_tag
WHERE source = :#${exchangeProperty.batch.source} AND post_id IN (:#in:postIds) AND batch_id = :#${header.batchId}
GROUP BY tag, source, created_at / 86400000
ON CONFLICT (tag, source, day) DO UPDATE SET posts = tag_posts_per_day.posts + excluded.posts
