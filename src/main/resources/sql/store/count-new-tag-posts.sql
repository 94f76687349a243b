-- The post-tag links this batch inserted, per tag and quarter hour.
INSERT INTO tag_posts_per_quarter (tag, source, quarter, posts)
SELECT tag, source, created_at / 900000, COUNT(*) FROM post_tag
WHERE source = :#${exchangeProperty.batch.source} AND post_id IN (:#in:postIds) AND batch_id = :#${header.batchId}
GROUP BY tag, source, created_at / 900000
ON CONFLICT (tag, source, quarter) DO UPDATE SET posts = tag_posts_per_quarter.posts + excluded.posts
