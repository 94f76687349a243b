package io.tagwatch.store;

/**
 * The database under the store. The SQL is the same on both but for the full-text search, which each
 * engine writes in its own syntax ({@link SearchCondition}).
 */
enum Engine {
    SQLITE, POSTGRESQL;

    static Engine of(String jdbcUrl) {
        // as Database.isShared: whatever is not SQLite is PostgreSQL, also behind a wrapping driver's URL
        return jdbcUrl == null || jdbcUrl.startsWith("jdbc:sqlite:") ? SQLITE : POSTGRESQL;
    }
}
