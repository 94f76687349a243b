package io.tagwatch.store;

import io.tagwatch.support.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresStoreBatchTest extends StoreBatchContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgres.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
    }
}
