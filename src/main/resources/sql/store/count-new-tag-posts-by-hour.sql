-- The post-tag links this batch inserted, per tag and UTC hour.
INSERT INTO tag_posts_per_hour (tag, source, hour, posts)
SELECT tag, source, created_at / 3600000, COUNT(*) FROM post_tag
WHERE source = :#${exchangeProperty.batch.source} AND post_id IN (:#in:postIds) AND batch_id = :#${header.batchId}
GROUP BY tag, source, created_at / 3600000
ON CONFLICT (tag, source, hour) DO UPDATE SET posts = tag_posts_per_hour.posts + excluded.posts
