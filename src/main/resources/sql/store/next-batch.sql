UPDATE store_sequence SET last_batch = last_batch + 1
