package io.tagwatch.api;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteSummaryCacheTest extends SummaryCacheContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-cache");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }
}
