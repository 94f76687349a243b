-- The posts this batch inserted, per UTC hour (see V11__hourly_and_daily_counts.sql).
INSERT INTO posts_per_hour (source, hour, posts)
SELECT source, created_at / 3600000, COUNT(*) FROM post
WHERE source = :#${exchangeProperty.batch.source} AND id IN (:#in:postIds) AND batch_id = :#${header.batchId}
GROUP BY source, created_at / 3600000
ON CONFLICT (source, hour) DO UPDATE SET posts = posts_per_hour.posts + excluded.posts
