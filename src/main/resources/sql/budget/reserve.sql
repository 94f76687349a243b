-- Reserves ? reads for a page, only while the day's reads and those in flight stay within the budget:
-- cycles at once, in this process or another, cannot together take more than is left.
UPDATE read_budget SET in_flight = in_flight + ? WHERE source = ? AND day = ? AND reads + in_flight + ? <= ?
