-- A gate's row the first time any instance asks for it: open (ok), no failed cycles.
INSERT INTO source_gate (name, state, until_at, reason, failed_cycles, version) VALUES (?, 'ok', NULL, NULL, 0, 0)
ON CONFLICT (name) DO NOTHING
