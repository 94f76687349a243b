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
import io.tagwatch.support.SearchIndex;
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
        flyway(database, name, "2").migrate();
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
        flyway(database, name, "latest").migrate();
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

    /**
     * V12: posts stored before the index are searchable after it, by the same words as new ones, and the
     * authors stored before profile pages get theirs. On SQLite, the index finds posts by rowid, which
     * VACUUM keeps.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void postsAndAuthorsFromBeforeTheSearchIndexAreSearchableAndLinked(String name, DataSource database) {
        // 11: the newest migration before the index, so that this is the upgrade a store of that version makes
        flyway(database, name, "11").migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database);
        String insertAuthor = "INSERT INTO author (source, id, username, name, location, country, followers, seen_at,"
                + " updated_at) VALUES (?, ?, ?, null, null, null, 1, 0, 0)";
        jdbc.update(insertAuthor, "x", "1", "janeops");
        jdbc.update(insertAuthor, "bluesky", "did:plc:a", "ann.bsky.social");
        jdbc.update(insertAuthor, "mastodon", "bob@hachyderm.io", "bob@hachyderm.io");
        jdbc.update(insertAuthor, "mastodon", "nohost", "nohost");
        String insertPost = "INSERT INTO post (source, id, created_at, text, lang, url, author_id) VALUES (?, ?, ?, ?, 'en', null, ?)";
        jdbc.update(insertPost, "x", "10", PAST, "Café au lait at the #SRE meetup, well-known", "1");
        jdbc.update(insertPost, "x", "11", PAST, "Nothing to see", "1");
        jdbc.update(insertPost, "bluesky", "did:plc:a/1", PAST, "CAFE OLE", "did:plc:a");
        jdbc.update(insertPost, "mastodon", "h:1", PAST, "東京の夜 2026", "bob@hachyderm.io");
        jdbc.update("DELETE FROM post WHERE id = '11'"); // a gap in the rowids, which VACUUM must not close

        flyway(database, name, "latest").migrate();

        assertThat(SearchIndex.mismatches(jdbc)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT words FROM post WHERE id = '10'", String.class))
                .isEqualTo("cafe au lait at the sre meetup well known");
        assertThat(SearchIndex.matching(jdbc, List.of("cafe"))).containsExactly("bluesky/did:plc:a/1", "x/10");
        assertThat(SearchIndex.matching(jdbc, List.of("well", "known"))).containsExactly("x/10");
        assertThat(SearchIndex.matching(jdbc, List.of("東", "京"))).containsExactly("mastodon/h:1");
        assertThat(jdbc.queryForList("SELECT profile_url FROM author ORDER BY source, id", String.class))
                .containsExactly("https://bsky.app/profile/ann.bsky.social", "https://hachyderm.io/@bob", null,
                        "https://x.com/janeops");
        if (name.equals("sqlite")) {
            jdbc.execute("VACUUM");
            assertThat(SearchIndex.mismatches(jdbc)).isEmpty();
            assertThat(SearchIndex.matching(jdbc, List.of("cafe"))).containsExactly("bluesky/did:plc:a/1", "x/10");
        }
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

    /** The locations application.yaml gives Flyway, with {vendor} as Spring Boot resolves it. */
    private static Flyway flyway(DataSource database, String vendor, String target) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .javaMigrations(new V4FutureDatedPosts(), new V5CheckpointPerUpstream(), new V12_2ExistingPostsSearchable(),
                        new V12_3ExistingProfileUrls())
                .target(target).load();
    }
}
