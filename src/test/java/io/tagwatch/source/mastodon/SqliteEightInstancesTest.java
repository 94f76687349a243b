package io.tagwatch.source.mastodon;

import java.util.List;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteEightInstancesTest extends EightInstancesContract {

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
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-mastodon-8");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        configure(registry, INSTANCES);
    }
}
