-- A pair's status before its cycle's outcome is written, so that a change of state is logged once.
SELECT state, last_success_at FROM cycle_status WHERE source = ? AND tag = ?
