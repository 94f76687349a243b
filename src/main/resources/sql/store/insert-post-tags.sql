INSERT INTO post_tag (tag, source, post_id, created_at)
VALUES (:#tag, :#source, :#postId, :#createdAt)
ON CONFLICT (tag, source, post_id) DO NOTHING
