package io.tagwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.tagwatch.support.EmbeddedPostgres;
import io.tagwatch.support.SummaryCounts;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The Java migrations on a store written before them, on both databases: posts dated in the future
 * are dated now with their counts moved, and Mastodon's one JSON checkpoint becomes a row per instance.
 */
class MigrationsTest {

    private static final long YEAR_9999 = Instant.parse("9999-06-01T12:00:00Z").toEpochMilli();
    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
    private static final long PAST = Instant.parse("2026-11-20T10:07:00Z").toEpochMilli();

    static Stream<Arguments> databases() throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + Files.createTempDirectory("tagwatch-migrations").resolve("t.db"));
        DriverManagerDataSource postgres = new DriverManagerDataSource(EmbeddedPostgres.newDatabaseUrl(), "postgres",
                "postgres");
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgresql", postgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStoreFromBeforeTheJavaMigrationsIsBroughtUpToDate(String name, DataSource database) {
        flyway(database, "2").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database);
        jdbc.update("INSERT INTO author VALUES ('bluesky', 'did:a', 'traveller', null, null, null, 7, ?, 0)", YEAR_9999);
        jdbc.update("INSERT INTO author VALUES ('bluesky', 'did:b', 'local', null, 'Lisbon', 'PT', 9, ?, 0)", PAST);
        post(jdbc, "did:a/1", YEAR_9999, "did:a", "sre", "devops");
        post(jdbc, "did:a/2", YEAR_2100, "did:a", "sre");
        post(jdbc, "did:b/1", PAST, "did:b", "sre");
        jdbc.update("INSERT INTO checkpoint VALUES ('x', 'sre', '1900000000000000000', 5)");
        jdbc.update("INSERT INTO checkpoint VALUES ('mastodon', 'sre', ?, 6)",
                "{\"https://a.example\":\"110\",\"https://b.example:8443\":\"220\"}");
        jdbc.update("INSERT INTO checkpoint VALUES ('mastodon', 'devops', 'not json', 7)");

        long before = System.currentTimeMillis();
        flyway(database, "latest").migrate();
        long after = System.currentTimeMillis();

        // V3 counted the posts as dated; V4 moved them to now, and every count still equals the posts
        assertThat(SummaryCounts.mismatches(jdbc)).isEmpty();
        for (String id : List.of("did:a/1", "did:a/2")) {
            assertThat(jdbc.queryForObject("SELECT created_at FROM post WHERE id = ?", Long.class, id))
                    .isBetween(before, after);
            assertThat(jdbc.queryForList("SELECT created_at FROM post_tag WHERE post_id = ?", Long.class, id))
                    .allSatisfy(at -> assertThat(at).isBetween(before, after));
        }
        assertThat(jdbc.queryForObject("SELECT created_at FROM post WHERE id = 'did:b/1'", Long.class)).isEqualTo(PAST);
        assertThat(jdbc.queryForObject("SELECT seen_at FROM author WHERE id = 'did:a'", Long.class))
                .isBetween(before, after);
        assertThat(jdbc.queryForObject("SELECT MAX(quarter) FROM posts_per_quarter", Long.class))
                .isLessThanOrEqualTo((after + Duration.ofMinutes(10).toMillis()) / 900_000);
        assertThat(jdbc.queryForObject("SELECT SUM(posts) FROM tag_posts_by_lang WHERE tag = 'sre'", Long.class))
                .isEqualTo(3);

        String order = " FROM checkpoint ORDER BY source, tag, upstream";
        assertThat(jdbc.queryForList("SELECT source, tag, upstream, position" + order)).containsExactly(
                row("mastodon", "sre", "https://a.example", "110"), row("mastodon", "sre", "https://b.example:8443", "220"),
                row("x", "sre", "", "1900000000000000000"));
        assertThat(jdbc.queryForList("SELECT updated_at" + order, Long.class)).containsExactly(6L, 6L, 5L);
    }

    private static Map<String, Object> row(String source, String tag, String upstream, String position) {
        return Map.of("source", source, "tag", tag, "upstream", upstream, "position", position);
    }

    private static void post(JdbcTemplate jdbc, String id, long createdAt, String author, String... tags) {
        jdbc.update("INSERT INTO post VALUES ('bluesky', ?, ?, 'text', 'en', null, ?)", id, createdAt, author);
        for (String tag : tags) {
            jdbc.update("INSERT INTO post_tag VALUES (?, 'bluesky', ?, ?)", tag, id, createdAt);
        }
    }

    private static Flyway flyway(DataSource database, String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .javaMigrations(new V4FutureDatedPosts(), new V5CheckpointPerUpstream()).target(target).load();
    }
}
