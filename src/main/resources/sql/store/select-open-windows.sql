-- The windows the source still has to read for the tag (see V8__gap_windows.sql), read with its
-- checkpoints at the start of a cycle.
SELECT id, kind, state, after_position, before_position, from_at, to_at, opened_at, closed_at, reason
FROM gap_window WHERE source = :#${header.source} AND tag = :#${header.tag} AND state = 'open'
