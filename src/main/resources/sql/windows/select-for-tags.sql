-- The open windows and the most recently abandoned ones, per source and tag, for GET /api/v1/tags;
-- abandoned ones are history, so only the newest few of each are shown (the counter counts them all).
SELECT source, tag, kind, state, from_at, to_at, opened_at, closed_at, reason FROM gap_window
WHERE state = 'open' OR id IN (
    SELECT id FROM gap_window w WHERE w.state = 'abandoned' AND (
        SELECT COUNT(*) FROM gap_window n WHERE n.source = w.source AND n.tag = w.tag AND n.state = 'abandoned'
            AND (n.closed_at > w.closed_at OR (n.closed_at = w.closed_at AND n.id > w.id))) < 5)
ORDER BY source, tag, state DESC, to_at DESC
