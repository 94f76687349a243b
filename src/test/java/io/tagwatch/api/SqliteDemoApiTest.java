package io.tagwatch.api;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteDemoApiTest extends DemoApiContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-sqlite");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("data/tagwatch.db").toString());
    }
}
