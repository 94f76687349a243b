-- The data version: every stored batch takes the next number here in its own transaction, so the
-- number changes exactly when what the summaries count does. The summary cache keys answers by it.
SELECT last_batch FROM store_sequence
