package io.tagwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteStoreBatchTest extends StoreBatchContract {

    static Path dir;

    @org.springframework.beans.factory.annotation.Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("tagwatch-store");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("nested/dir/tagwatch.db").toString());
    }

    @Test
    void theFileIsCreatedWithWal() {
        assertThat(dir.resolve("nested/dir/tagwatch.db")).exists();
        assertThat(jdbc.queryForObject("PRAGMA journal_mode", String.class)).isEqualTo("wal");
    }

    @Test
    void aSecondWriterWaitsForTheFirstInsteadOfFailing() throws Exception {
        try (Connection first = dataSource.getConnection(); Statement statement = first.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            statement.execute("INSERT INTO checkpoint VALUES ('test', 'first', '', '1', 0)");
            long started = System.nanoTime();
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    statement.execute("COMMIT");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            jdbc.update("INSERT INTO checkpoint VALUES ('test', 'second', '', '2', 0)");
            release.join();
            assertThat(System.nanoTime() - started).isGreaterThan(250_000_000L);
        }
        assertThat(jdbc.queryForList("SELECT tag FROM checkpoint ORDER BY tag", String.class))
                .containsExactly("first", "second");
    }
}
