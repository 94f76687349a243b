package io.tagwatch.source.x;

import io.tagwatch.support.EmbeddedPostgres;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresGapsTest extends GapsContract {

    static final FakeX FAKE = new FakeX();

    @AfterAll
    static void stopFake() {
        FAKE.close();
    }

    @Override
    FakeX fake() {
        return FAKE;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgres.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("tagwatch.x.base-url", FAKE::baseUrl);
    }
}
