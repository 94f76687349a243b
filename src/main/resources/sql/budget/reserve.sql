-- Reserves ? reads for a page, only while the day's reads and those in flight stay within the budget:
-- cycles at once, in this process or another, cannot together take more than is left. The row's
-- expiry moves to this reservation's when that is later.
UPDATE read_budget SET in_flight = in_flight + ?,
    in_flight_until = CASE WHEN in_flight_until > ? THEN in_flight_until ELSE ? END
WHERE source = ? AND day = ? AND reads + in_flight + ? <= ?
