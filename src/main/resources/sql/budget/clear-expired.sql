-- Every reservation in flight has outlived the longest a call can take: its process is gone.
UPDATE read_budget SET in_flight = 0 WHERE source = ? AND day = ? AND in_flight > 0 AND in_flight_until < ?
