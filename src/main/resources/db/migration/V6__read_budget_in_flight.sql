-- Reads reserved for pages asked for and not yet answered. A cycle reserves a page's reads before it
-- asks X, so that cycles at once (in one process or several) cannot take more than the day has left;
-- the budget is spent only when `reads` reaches it, not while other cycles' pages are in flight.
ALTER TABLE read_budget ADD COLUMN in_flight BIGINT NOT NULL DEFAULT 0;
