-- The outcome of a source's part of a tag's cycle, by whichever instance ran it. A failure keeps the last
-- success it had (a null here leaves the stored one).
INSERT INTO cycle_status (source, tag, state, last_success_at, last_error_category, last_cycle_at, next_run_at,
    instance)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (source, tag) DO UPDATE SET state = excluded.state,
    last_success_at = COALESCE(excluded.last_success_at, cycle_status.last_success_at),
    last_error_category = excluded.last_error_category, last_cycle_at = excluded.last_cycle_at,
    next_run_at = excluded.next_run_at, instance = excluded.instance
