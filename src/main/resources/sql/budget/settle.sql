-- A page was answered: its reservation leaves the flight (never below none, should the reservations
-- have expired and been cleared meanwhile), and what it read counts.
UPDATE read_budget SET in_flight = CASE WHEN in_flight > ? THEN in_flight - ? ELSE 0 END, reads = reads + ?
WHERE source = ? AND day = ?
