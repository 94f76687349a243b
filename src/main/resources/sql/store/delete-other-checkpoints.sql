-- The batch carries a position for every upstream the source still asks (a Mastodon instance no longer
-- configured has none): the positions of the others would only accumulate.
DELETE FROM checkpoint
WHERE source = :#${exchangeProperty.batch.source} AND tag = :#${exchangeProperty.batch.tag}
  AND upstream NOT IN (:#in:upstreams)
