-- A backfill request's window: the tag's past from the instant asked for up to the oldest post the
-- source has stored for it (or up to now, when it has none), filled by later cycles like any gap.
INSERT INTO gap_window (id, source, tag, kind, state, after_position, before_position, from_at, to_at, opened_at,
                        closed_at, reason)
VALUES (?, ?, ?, 'backfill', 'open', NULL, ?, ?, ?, ?, NULL, NULL)
