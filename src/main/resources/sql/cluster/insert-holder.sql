-- This instance read the tag from its tag files (PostgreSQL only, with the Quartz tables).
INSERT INTO tag_holder (instance, tag) VALUES (?, ?) ON CONFLICT (instance, tag) DO NOTHING
