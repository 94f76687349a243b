-- Every gate, for what the instance shows (GET /api/v1/tags, tagwatch_source_state): one read for all.
SELECT name, state, until_at, reason, failed_cycles, version FROM source_gate
