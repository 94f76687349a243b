-- The posts this batch inserted, per UTC day (see V11__hourly_and_daily_counts.sql).
INSERT INTO posts_per_day (source, day, posts)
SELECT source, created_at / 86400000, COUNT(*) FROM post
WHERE source = :#${exchangeProperty.batch.source} AND id IN (:#in:postIds) AND batch_id = :#${header.batchId}
GROUP BY source, created_at / 86400000
ON CONFLICT (source, day) DO UPDATE SET posts = posts_per_day.posts + excluded.posts
