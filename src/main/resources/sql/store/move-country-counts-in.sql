-- The other half of move-country-counts-out.sql: the same posts, counted under the new country.
INSERT INTO tag_posts_per_day_country (tag, source, day, country, posts)
SELECT t.tag, t.source, t.created_at / 86400000, COALESCE(CAST(:#country AS VARCHAR(2)), 'ZZ'), COUNT(*)
FROM author a CROSS JOIN post p CROSS JOIN post_tag t
WHERE p.source = a.source AND p.author_id = a.id AND t.source = p.source AND t.post_id = p.id
  AND a.source = :#source AND a.id = :#id AND a.seen_at < :#seenAt
  AND COALESCE(a.country, 'ZZ') <> COALESCE(CAST(:#country AS VARCHAR(2)), 'ZZ')
GROUP BY t.tag, t.source, t.created_at / 86400000
ON CONFLICT (tag, source, day, country) DO UPDATE SET posts = tag_posts_per_day_country.posts + excluded.posts
