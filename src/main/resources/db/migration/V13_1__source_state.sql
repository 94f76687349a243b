-- Numbered after V11 (hourly and daily counts), which main had first: a database already at V11 takes it
-- (Flyway refuses a migration numbered below the last applied one).
-- Source state is cluster state: several instances on one PostgreSQL call the same upstream accounts,
-- and X's rate limit is per app, so what one instance learns (a rate-limit reset, refused credentials, a
-- spent budget, a run of failed cycles) must hold every instance back. One row per gate
-- (io.tagwatch.source.SourceGate: a source, or for Mastodon one per instance, "mastodon@host:port").
-- until_at is epoch ms (null: until a person acts); version makes each change a compare-and-set, so two
-- instances never both take the one probe of an open circuit. The same on SQLite, where a second
-- process on the file is on standby and shows the active one's state.
CREATE TABLE source_gate (
    name          VARCHAR(300)  NOT NULL PRIMARY KEY,
    state         VARCHAR(32)   NOT NULL,
    until_at      BIGINT,
    reason        VARCHAR(1000),
    failed_cycles INTEGER       NOT NULL,
    version       BIGINT        NOT NULL
);

-- How each (source, tag) pair fared in its last cycle, wherever it ran, for GET /api/v1/tags on any
-- instance: the state, the last success, the error's category (never its text), when the cycle ran and
-- the next is due, and which instance ran it (tagwatch.instance-id). Times are epoch ms.
CREATE TABLE cycle_status (
    source              VARCHAR(32)  NOT NULL,
    tag                 VARCHAR(100) NOT NULL,
    state               VARCHAR(32)  NOT NULL,
    last_success_at     BIGINT,
    last_error_category VARCHAR(32),
    last_cycle_at       BIGINT       NOT NULL,
    next_run_at         BIGINT,
    instance            VARCHAR(100) NOT NULL,
    PRIMARY KEY (source, tag)
);
