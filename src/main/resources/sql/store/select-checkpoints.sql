-- Where the source stands for the tag: one row per upstream (one for most sources, one per Mastodon
-- instance).
SELECT upstream, position FROM checkpoint WHERE source = :#${header.source} AND tag = :#${header.tag}
