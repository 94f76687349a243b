-- A day's reads: settled, and reserved for pages in flight.
SELECT reads, in_flight FROM read_budget WHERE source = ? AND day = ?
