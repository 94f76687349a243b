package io.tagwatch.api;

import io.tagwatch.support.EmbeddedPostgres;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresSummaryCacheTest extends SummaryCacheContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgres.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
    }
}
