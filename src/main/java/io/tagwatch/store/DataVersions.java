package io.tagwatch.store;

import java.util.function.LongFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads in one snapshot of the store, told the data version that snapshot sees: an answer computed
 * inside belongs to exactly that version, so one cached under it is never stale, with one process or
 * several on one PostgreSQL. PostgreSQL takes a snapshot per statement unless the transaction is
 * REPEATABLE READ; a SQLite read transaction holds its snapshot from its first read anyway.
 */
@Component
public class DataVersions {

    private static final String VERSION = SqlFile.load("counts/data-version.sql");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    DataVersions(JdbcTemplate jdbc, PlatformTransactionManager transactions, Database database) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        // every database but SQLite (whose read transaction keeps its first snapshot anyway) is asked for a
        // snapshot, as Database tells them apart, so a URL that wraps PostgreSQL's cannot fall back to one
        // per statement and file an answer under a version it was not computed at
        if (database.isShared()) {
            snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        }
    }

    /** Runs {@code reads} in one snapshot, given the version it sees (its first read). */
    public <T> T inSnapshot(LongFunction<T> reads) {
        return snapshot.execute(status -> reads.apply(jdbc.queryForObject(VERSION, Long.class)));
    }
}
