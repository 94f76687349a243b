-- Coarser counts beside the quarter-hourly ones (V3__summary_counts.sql), kept by the same store
-- transaction: a zone whose offsets are whole hours folds hours, and a UTC timeline by day folds days,
-- so four weeks read about 700 rows, or 28, instead of 2,700 (io.tagwatch.store.SummaryReads).

-- Distinct posts per source and UTC hour (created_at / 3600000).
CREATE TABLE posts_per_hour (
    source   VARCHAR(32) NOT NULL,
    hour     BIGINT      NOT NULL,
    posts    BIGINT      NOT NULL,
    PRIMARY KEY (source, hour)
);

-- post_tag rows per tag, source and UTC hour.
CREATE TABLE tag_posts_per_hour (
    tag      VARCHAR(100) NOT NULL,
    source   VARCHAR(32)  NOT NULL,
    hour     BIGINT       NOT NULL,
    posts    BIGINT       NOT NULL,
    PRIMARY KEY (tag, source, hour)
);

-- Distinct posts per source and UTC day (created_at / 86400000).
CREATE TABLE posts_per_day (
    source   VARCHAR(32) NOT NULL,
    day      BIGINT      NOT NULL,
    posts    BIGINT      NOT NULL,
    PRIMARY KEY (source, day)
);

-- post_tag rows per tag, source and UTC day.
CREATE TABLE tag_posts_per_day (
    tag      VARCHAR(100) NOT NULL,
    source   VARCHAR(32)  NOT NULL,
    day      BIGINT       NOT NULL,
    posts    BIGINT       NOT NULL,
    PRIMARY KEY (tag, source, day)
);

INSERT INTO posts_per_hour (source, hour, posts)
SELECT source, created_at / 3600000, COUNT(*) FROM post GROUP BY source, created_at / 3600000;

INSERT INTO tag_posts_per_hour (tag, source, hour, posts)
SELECT tag, source, created_at / 3600000, COUNT(*) FROM post_tag GROUP BY tag, source, created_at / 3600000;

INSERT INTO posts_per_day (source, day, posts)
SELECT source, created_at / 86400000, COUNT(*) FROM post GROUP BY source, created_at / 86400000;

INSERT INTO tag_posts_per_day (tag, source, day, posts)
SELECT tag, source, created_at / 86400000, COUNT(*) FROM post_tag GROUP BY tag, source, created_at / 86400000;
