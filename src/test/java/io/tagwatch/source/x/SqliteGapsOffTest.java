package io.tagwatch.source.x;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteGapsOffTest extends GapsOffContract {

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
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-gaps-off");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.x.base-url", FAKE::baseUrl);
    }
}
