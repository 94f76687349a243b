INSERT INTO checkpoint (source, tag, position, updated_at)
VALUES (:#source, :#tag, :#position, :#updatedAt)
ON CONFLICT (source, tag) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
