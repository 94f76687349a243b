INSERT INTO author (source, id, username, name, profile_url, location, country, followers, seen_at, updated_at)
VALUES (:#source, :#id, :#username, :#name, :#profileUrl, :#location, :#country, :#followers, :#seenAt, :#updatedAt)
ON CONFLICT (source, id) DO UPDATE SET
    username = excluded.username,
    name = excluded.name,
    profile_url = excluded.profile_url,
    location = excluded.location,
    country = excluded.country,
    followers = excluded.followers,
    seen_at = excluded.seen_at,
    updated_at = excluded.updated_at
WHERE excluded.seen_at > author.seen_at
