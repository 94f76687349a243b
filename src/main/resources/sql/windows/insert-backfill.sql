-- A backfill request's window: the tag's past from the instant asked for up to the oldest post the
-- source has stored for it (or up to now, when it has none), filled by later cycles like any gap. Not
-- when an open backfill window already covers that range: a request repeated while the first is being
-- filled would otherwise have the cycles read (and X bill) the same posts once per copy.
INSERT INTO gap_window (id, source, tag, kind, state, after_position, before_position, from_at, to_at, opened_at,
                        closed_at, reason)
SELECT CAST(:id AS VARCHAR(36)), CAST(:source AS VARCHAR(32)), CAST(:tag AS VARCHAR(100)), 'backfill', 'open', NULL,
       CAST(:before AS VARCHAR(256)), CAST(:fromAt AS BIGINT), CAST(:toAt AS BIGINT), CAST(:openedAt AS BIGINT), NULL, NULL
WHERE NOT EXISTS (
    SELECT 1 FROM gap_window
    WHERE source = :source AND tag = :tag AND kind = 'backfill' AND state = 'open'
      AND from_at <= :fromAt AND to_at >= :toAt)
