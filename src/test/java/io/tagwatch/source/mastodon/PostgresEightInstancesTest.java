package io.tagwatch.source.mastodon;

import java.util.List;

import io.tagwatch.support.EmbeddedPostgres;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresEightInstancesTest extends EightInstancesContract {

    static final List<FakeMastodon> INSTANCES = startInstances();

    @AfterAll
    static void stopFakes() {
        INSTANCES.forEach(FakeMastodon::close);
    }

    @Override
    List<FakeMastodon> instances() {
        return INSTANCES;
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgres.newDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        configure(registry, INSTANCES);
    }
}
