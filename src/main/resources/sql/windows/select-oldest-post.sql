-- Where a backfill window ends: the oldest post the source has stored for the tag. Its id bounds the
-- window exactly for a source that knows posts by id (X's until_id).
SELECT post_id, created_at FROM post_tag WHERE source = ? AND tag = ? ORDER BY created_at, post_id LIMIT 1
