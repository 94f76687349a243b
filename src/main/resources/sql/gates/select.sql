-- One gate as it stands now, read before every request to its upstream: a pause another instance learnt
-- of holds this one back too.
SELECT state, until_at, reason, failed_cycles, version FROM source_gate WHERE name = ?
