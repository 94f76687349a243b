package io.tagwatch.store;

import java.nio.file.Path;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Which database the store runs on, as far as the rest of the service must know: PostgreSQL can be
 * shared by several instances (they share the tags through Quartz's clustered job store), a SQLite file
 * by one collecting process at a time (the others wait on a lock next to it).
 */
@Component
public class Database {

    private static final String SQLITE = "jdbc:sqlite:";

    private final String url;

    public Database(DataSourceProperties properties) {
        this.url = properties.determineUrl();
    }

    /**
     * Every URL but SQLite's is PostgreSQL's, also when a driver wraps it (jdbc:otel:postgresql:, ...):
     * taken for SQLite, it would have every instance collect every tag.
     */
    public boolean isShared() {
        return url != null && !url.startsWith(SQLITE);
    }

    public String jdbcUrl() {
        return url;
    }

    /** The SQLite file, or null for PostgreSQL and for SQLite targets that are not a plain file (:memory:). */
    public Path sqliteFile() {
        if (url == null || !url.startsWith(SQLITE)) {
            return null;
        }
        String target = url.substring(SQLITE.length());
        String file = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return null;
        }
        return Path.of(file).toAbsolutePath().normalize();
    }
}
