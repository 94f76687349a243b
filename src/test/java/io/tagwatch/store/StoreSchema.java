package io.tagwatch.store;

import org.flywaydb.core.Flyway;

/** The service's schema on a database outside Spring (the benchmarks' baselines): SQL and Java migrations. */
public final class StoreSchema {

    private StoreSchema() {
    }

    public static void migrate(String url) {
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                .javaMigrations(new V4FutureDatedPosts(), new V5CheckpointPerUpstream()).load().migrate();
    }
}
