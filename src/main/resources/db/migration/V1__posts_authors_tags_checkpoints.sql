-- Runs unchanged on SQLite and PostgreSQL: instants are epoch milliseconds (BIGINT), so every
-- time-zone computation happens in Java and no dialect-specific date function is needed.

CREATE TABLE author (
    source      VARCHAR(32)  NOT NULL,
    id          VARCHAR(128) NOT NULL,
    username    VARCHAR(256) NOT NULL,
    name        TEXT,
    location    TEXT,
    country     CHAR(2),
    followers   BIGINT       NOT NULL,
    -- created_at of the newest post this profile snapshot came with: "newest seen" wins,
    -- whatever order the pages arrive in.
    seen_at     BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX author_by_followers ON author (followers DESC, username);

CREATE TABLE post (
    source      VARCHAR(32)  NOT NULL,
    id          VARCHAR(128) NOT NULL,
    created_at  BIGINT       NOT NULL,
    text        TEXT         NOT NULL,
    lang        VARCHAR(35)  NOT NULL,
    url         TEXT,
    author_id   VARCHAR(128) NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE INDEX post_by_time ON post (created_at, source, id);
CREATE INDEX post_by_author ON post (source, author_id);

CREATE TABLE post_tag (
    tag         VARCHAR(100) NOT NULL,
    source      VARCHAR(32)  NOT NULL,
    post_id     VARCHAR(128) NOT NULL,
    -- copied from post so that per-tag time ranges are answered from this table's index
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (tag, source, post_id)
);
CREATE INDEX post_tag_by_time ON post_tag (tag, created_at);
CREATE INDEX post_tag_by_post ON post_tag (source, post_id);

CREATE TABLE checkpoint (
    source      VARCHAR(32)  NOT NULL,
    tag         VARCHAR(100) NOT NULL,
    position    VARCHAR(256) NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (source, tag)
);
