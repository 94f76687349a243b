package io.tagwatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.sqlite.SQLiteDataSource;

/** A new database of either kind with the service's schema, migrated as the service migrates it. */
public final class MigratedDatabases {

    private MigratedDatabases() {
    }

    /** A new SQLite file, opened as the service opens it: writers wait for each other rather than fail. */
    public static DataSource sqlite() {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        try {
            sqlite.setUrl("jdbc:sqlite:" + Files.createTempDirectory("tagwatch-db").resolve("t.db")
                    + "?journal_mode=WAL&busy_timeout=10000");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return migrated(sqlite, "sqlite");
    }

    /** A new database on the run's embedded PostgreSQL. */
    public static DataSource postgresql() {
        return migrated(new DriverManagerDataSource(EmbeddedPostgres.newDatabaseUrl(), "postgres", "postgres"),
                "postgresql");
    }

    private static DataSource migrated(DataSource database, String vendor) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
        return database;
    }
}
