-- Stretches of a tag's posts a source has not read yet (io.tagwatch.post.Window): a cycle that stops at
-- its page limit before its checkpoint opens one in the transaction that stores what it did read, so
-- the posts it skipped are never lost from sight; a backfill request opens one over the past. Later
-- cycles read them newest first and delete them once empty. One the upstream can no longer serve, or
-- that the operator chose not to fill, stays as abandoned, with why, for GET /api/v1/tags.
-- The id is chosen by the application (a UUID), the same way on SQLite and PostgreSQL.
CREATE TABLE gap_window (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    source          VARCHAR(32)  NOT NULL,
    tag             VARCHAR(100) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    after_position  VARCHAR(256),
    before_position VARCHAR(256),
    from_at         BIGINT       NOT NULL,
    to_at           BIGINT       NOT NULL,
    opened_at       BIGINT       NOT NULL,
    closed_at       BIGINT,
    reason          VARCHAR(32)
);
CREATE INDEX gap_window_by_tag ON gap_window (source, tag, state);
