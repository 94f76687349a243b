package io.tagwatch.store;

import org.flywaydb.core.Flyway;

/**
 * The service's schema on a database outside Spring (the benchmarks' baselines): SQL and Java
 * migrations, with the database's own ones (db/vendor/{vendor}, which Spring's Flyway resolves itself).
 */
public final class StoreSchema {

    private StoreSchema() {
    }

    public static void migrate(String url) {
        String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : "sqlite";
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .javaMigrations(new V4FutureDatedPosts(), new V5CheckpointPerUpstream(), new V12_2ExistingPostsSearchable(),
                        new V12_3ExistingProfileUrls())
                .load().migrate();
    }
}
