-- Run per author before upsert-authors.sql, under its condition (a newer snapshot) and only when the
-- country changes: takes the author's posts out of their old country's counts.
INSERT INTO tag_posts_per_day_country (tag, source, day, country, posts)
SELECT t.tag, t.source, t.created_at / 86400000, COALESCE(a.country, 'ZZ'), -COUNT(*)
FROM author a
JOIN post p ON p.source = a.source AND p.author_id = a.id
JOIN post_tag t ON t.source = p.source AND t.post_id = p.id
WHERE a.source = :#source AND a.id = :#id AND a.seen_at < :#seenAt
  AND COALESCE(a.country, 'ZZ') <> COALESCE(CAST(:#country AS VARCHAR(2)), 'ZZ')
GROUP BY t.tag, t.source, t.created_at / 86400000, COALESCE(a.country, 'ZZ')
ON CONFLICT (tag, source, day, country) DO UPDATE SET posts = tag_posts_per_day_country.posts + excluded.posts
