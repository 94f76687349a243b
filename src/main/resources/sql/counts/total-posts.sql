-- Every stored post, from the per-quarter counts (a few thousand rows), not from the posts themselves.
SELECT COALESCE(SUM(posts), 0) FROM posts_per_quarter
