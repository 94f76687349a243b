INSERT INTO post_tag (tag, source, post_id, created_at, batch_id)
VALUES (:#tag, :#source, :#postId, :#createdAt, :#${header.batchId})
ON CONFLICT (tag, source, post_id) DO NOTHING
