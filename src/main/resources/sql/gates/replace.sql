-- A change of a gate, only if nobody changed it since it was read (the version): of two instances that
-- both saw an open circuit's rest end, one takes the probe and the other reads the gate again.
UPDATE source_gate SET state = ?, until_at = ?, reason = ?, failed_cycles = ?, version = version + 1
WHERE name = ? AND version = ?
