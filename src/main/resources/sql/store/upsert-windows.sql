-- A window the batch opened, narrowed or abandoned; by id, so a window another request opened while
-- the cycle ran (a backfill) is left as it is.
INSERT INTO gap_window (id, source, tag, kind, state, after_position, before_position, from_at, to_at, opened_at,
                        closed_at, reason)
VALUES (:#id, :#source, :#tag, :#kind, :#state, :#after, :#before, :#fromAt, :#toAt, :#openedAt, :#closedAt, :#reason)
ON CONFLICT (id) DO UPDATE SET state = excluded.state, after_position = excluded.after_position,
    before_position = excluded.before_position, from_at = excluded.from_at, to_at = excluded.to_at,
    closed_at = excluded.closed_at, reason = excluded.reason
