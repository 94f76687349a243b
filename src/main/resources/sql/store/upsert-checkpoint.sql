INSERT INTO checkpoint (source, tag, upstream, position, updated_at)
VALUES (:#source, :#tag, :#upstream, :#position, :#updatedAt)
ON CONFLICT (source, tag, upstream) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
