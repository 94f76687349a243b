-- When the newest reservation in flight expires (epoch ms). A process killed while a page was in flight
-- never settles it; once every reservation in flight is older than a call can last, in_flight is stale
-- and is cleared, so the day's budget is not lost with the process.
ALTER TABLE read_budget ADD COLUMN in_flight_until BIGINT NOT NULL DEFAULT 0;
