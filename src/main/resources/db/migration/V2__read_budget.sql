-- Posts read from an upstream per UTC day: the X spending guard counts here, so a restart does not
-- hand out a second day's budget.
CREATE TABLE read_budget (
    source      VARCHAR(32)  NOT NULL,
    day         VARCHAR(10)  NOT NULL,
    reads       BIGINT       NOT NULL,
    PRIMARY KEY (source, day)
);
