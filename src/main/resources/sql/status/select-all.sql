-- Every pair's last cycle, for GET /api/v1/tags: the same answer from every instance.
SELECT source, tag, state, last_success_at, last_error_category, last_cycle_at, next_run_at, instance
FROM cycle_status
