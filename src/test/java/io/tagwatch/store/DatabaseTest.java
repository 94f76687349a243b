package io.tagwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/** Which database a URL names, as the store, the search and the scheduler must agree on. */
class DatabaseTest {

    @Test
    void aDriverThatWrapsPostgresqlIsStillPostgresql() {
        for (String url : new String[] {"jdbc:postgresql://db/tagwatch", "jdbc:otel:postgresql://db/tagwatch",
                "jdbc:p6spy:postgresql://db/tagwatch"}) {
            assertThat(database(url).isShared()).as(url).isTrue();
            assertThat(Engine.of(url)).as(url).isEqualTo(Engine.POSTGRESQL);
        }
    }

    @Test
    void sqliteIsOneProcessesFile() {
        Database sqlite = database("jdbc:sqlite:data/tagwatch.db?busy_timeout=10000");
        assertThat(sqlite.isShared()).isFalse();
        assertThat(sqlite.sqliteFile()).isAbsolute().endsWithRaw(java.nio.file.Path.of("data", "tagwatch.db"));
        assertThat(Engine.of(sqlite.jdbcUrl())).isEqualTo(Engine.SQLITE);
    }

    private static Database database(String url) {
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        return new Database(properties);
    }
}
