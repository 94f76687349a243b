-- A page was answered: its reservation leaves the flight, and what it read counts.
UPDATE read_budget SET in_flight = in_flight - ?, reads = reads + ? WHERE source = ? AND day = ?
