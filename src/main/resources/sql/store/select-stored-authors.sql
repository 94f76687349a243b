-- The stored snapshot of the batch's authors, read once per batch (after next-batch.sql, so no other
-- batch writes them meanwhile): the four country-move statements then run only for the authors whose
-- newer snapshot changes their country, instead of once per author to find, nearly always, nothing.
SELECT id, country, seen_at FROM author
WHERE source = :#${exchangeProperty.batch.source} AND id IN (:#in:authorIds)
