-- move-country-counts-out.sql for the all-time counts.
INSERT INTO tag_posts_by_country (tag, source, country, posts)
SELECT t.tag, t.source, COALESCE(a.country, 'ZZ'), -COUNT(*)
FROM author a CROSS JOIN post p CROSS JOIN post_tag t
WHERE p.source = a.source AND p.author_id = a.id AND t.source = p.source AND t.post_id = p.id
  AND a.source = :#source AND a.id = :#id AND a.seen_at < :#seenAt
  AND COALESCE(a.country, 'ZZ') <> COALESCE(CAST(:#country AS VARCHAR(2)), 'ZZ')
GROUP BY t.tag, t.source, COALESCE(a.country, 'ZZ')
ON CONFLICT (tag, source, country) DO UPDATE SET posts = tag_posts_by_country.posts + excluded.posts
