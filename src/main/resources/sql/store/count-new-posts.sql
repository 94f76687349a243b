-- The posts this batch inserted (a re-delivered post kept its earlier batch_id), per quarter hour.
INSERT INTO posts_per_quarter (source, quarter, posts)
SELECT source, created_at / 900000, COUNT(*) FROM post
WHERE source = :#${exchangeProperty.batch.source} AND id IN (:#in:postIds) AND batch_id = :#${header.batchId}
GROUP BY source, created_at / 900000
ON CONFLICT (source, quarter) DO UPDATE SET posts = posts_per_quarter.posts + excluded.posts
