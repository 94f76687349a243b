SELECT last_batch FROM store_sequence
