package io.tagwatch.api;

import io.tagwatch.support.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresSearchAndExportTest extends SearchAndExportContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgres.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
    }
}
