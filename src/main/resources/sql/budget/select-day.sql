-- A day's reads: settled, reserved for pages in flight, and when the newest reservation expires.
SELECT reads, in_flight, in_flight_until FROM read_budget WHERE source = ? AND day = ?
