-- The day's row, the first time a page of the day is reserved.
INSERT INTO read_budget (source, day, reads, in_flight) VALUES (?, ?, 0, 0) ON CONFLICT (source, day) DO NOTHING
