-- The day's settled reads.
SELECT reads FROM read_budget WHERE source = ? AND day = ?
