-- Counts the summaries read instead of the posts, so a summary costs the same at a million posts as
-- at ten thousand. routes/store-batch.yaml keeps them in step with the posts, in the transaction that
-- stores the posts. Posts-by-hour and timeline need quarter hours (zones at +5:30 and +5:45); the
-- language and country counts need only days, which keeps them small. Partial buckets at the edges of
-- a from/to range are counted from the posts themselves (io.tagwatch.api.StatsQueries).

-- Distinct posts per source and quarter hour (created_at / 900000).
CREATE TABLE posts_per_quarter (
    source   VARCHAR(32) NOT NULL,
    quarter  BIGINT      NOT NULL,
    posts    BIGINT      NOT NULL,
    PRIMARY KEY (source, quarter)
);

-- post_tag rows per tag, source and quarter hour.
CREATE TABLE tag_posts_per_quarter (
    tag      VARCHAR(100) NOT NULL,
    source   VARCHAR(32)  NOT NULL,
    quarter  BIGINT       NOT NULL,
    posts    BIGINT       NOT NULL,
    PRIMARY KEY (tag, source, quarter)
);

-- post_tag rows per tag, source, UTC day (created_at / 86400000) and the post's language.
CREATE TABLE tag_posts_per_day_lang (
    tag      VARCHAR(100) NOT NULL,
    source   VARCHAR(32)  NOT NULL,
    day      BIGINT       NOT NULL,
    lang     VARCHAR(35)  NOT NULL,
    posts    BIGINT       NOT NULL,
    PRIMARY KEY (tag, source, day, lang)
);

-- post_tag rows per tag, source, UTC day and the author's current country (ZZ when unknown): when an
-- author's country changes, their posts' counts move with it.
CREATE TABLE tag_posts_per_day_country (
    tag      VARCHAR(100) NOT NULL,
    source   VARCHAR(32)  NOT NULL,
    day      BIGINT       NOT NULL,
    country  CHAR(2)      NOT NULL,
    posts    BIGINT       NOT NULL,
    PRIMARY KEY (tag, source, day, country)
);

-- The same two counts over all time, for summaries without from/to (the default): tags × values rows
-- however long the store has collected, where the daily ones grow with every day collected.
CREATE TABLE tag_posts_by_lang (
    tag      VARCHAR(100) NOT NULL,
    source   VARCHAR(32)  NOT NULL,
    lang     VARCHAR(35)  NOT NULL,
    posts    BIGINT       NOT NULL,
    PRIMARY KEY (tag, source, lang)
);
CREATE TABLE tag_posts_by_country (
    tag      VARCHAR(100) NOT NULL,
    source   VARCHAR(32)  NOT NULL,
    country  CHAR(2)      NOT NULL,
    posts    BIGINT       NOT NULL,
    PRIMARY KEY (tag, source, country)
);

-- Every stored batch takes the next number here first. Updating this one row makes store
-- transactions take turns (PostgreSQL holds the row lock to commit; SQLite has one writer anyway), so
-- two batches never count the same new post, and the number marks which rows a batch inserted.
CREATE TABLE store_sequence (
    last_batch BIGINT NOT NULL
);
INSERT INTO store_sequence (last_batch) VALUES (0);

-- The batch that inserted the row; 0 for rows stored before this migration.
ALTER TABLE post ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE post_tag ADD COLUMN batch_id BIGINT NOT NULL DEFAULT 0;

INSERT INTO posts_per_quarter (source, quarter, posts)
SELECT source, created_at / 900000, COUNT(*) FROM post GROUP BY source, created_at / 900000;

INSERT INTO tag_posts_per_quarter (tag, source, quarter, posts)
SELECT tag, source, created_at / 900000, COUNT(*) FROM post_tag GROUP BY tag, source, created_at / 900000;

INSERT INTO tag_posts_per_day_lang (tag, source, day, lang, posts)
SELECT t.tag, t.source, t.created_at / 86400000, p.lang, COUNT(*)
FROM post_tag t JOIN post p ON p.source = t.source AND p.id = t.post_id
GROUP BY t.tag, t.source, t.created_at / 86400000, p.lang;

INSERT INTO tag_posts_per_day_country (tag, source, day, country, posts)
SELECT t.tag, t.source, t.created_at / 86400000, COALESCE(a.country, 'ZZ'), COUNT(*)
FROM post_tag t
JOIN post p ON p.source = t.source AND p.id = t.post_id
JOIN author a ON a.source = p.source AND a.id = p.author_id
GROUP BY t.tag, t.source, t.created_at / 86400000, COALESCE(a.country, 'ZZ');

INSERT INTO tag_posts_by_lang (tag, source, lang, posts)
SELECT tag, source, lang, SUM(posts) FROM tag_posts_per_day_lang GROUP BY tag, source, lang;

INSERT INTO tag_posts_by_country (tag, source, country, posts)
SELECT tag, source, country, SUM(posts) FROM tag_posts_per_day_country GROUP BY tag, source, country;

-- top-users orders by all four columns; an index on only the first two made it sort every author.
DROP INDEX author_by_followers;
CREATE INDEX author_by_followers ON author (followers DESC, username, source, id);
