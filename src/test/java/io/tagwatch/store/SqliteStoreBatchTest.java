package io.tagwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteStoreBatchTest extends StoreBatchContract {

    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("tagwatch-store");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("nested/dir/tagwatch.db").toString());
    }

    @Test
    void theFileIsCreatedWithWalAndABusyTimeout() {
        assertThat(dir.resolve("nested/dir/tagwatch.db")).exists();
        assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("wal");
        assertThat(jdbc.queryForObject("PRAGMA busy_timeout", Integer.class)).isEqualTo(10000);
    }
}
