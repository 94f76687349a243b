package io.tagwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.support.SummaryCounts;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The store-batch route on a real database: idempotent, newest-author-wins, all or nothing. */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(properties = {"tagwatch.sources=", "tagwatch.routes-dir=target/no-routes-dir"})
abstract class StoreBatchContract {

    private static final Instant T0 = Instant.parse("2026-11-18T10:00:00Z");
    private static final String[] TEXTS = {"Café com #SRE", "on-call at 3am, again", "#DevOps: ÜBER alles",
        "東京 k8s meetup", "", "https://example.com/a-b?c=d"};

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyStore() {
        for (String table : List.of("post_tag", "post", "author", "checkpoint", "posts_per_quarter",
                "tag_posts_per_quarter", "tag_posts_per_day_lang", "tag_posts_per_day_country", "tag_posts_by_lang",
                "tag_posts_by_country")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        CollectedBatch batch = batch("100", author(1000, T0), post("1", T0, "sre", "devops"), post("2", T0, "sre"));
        assertThat(store(batch)).isEqualTo(2);
        List<Map<String, Object>> before = snapshot();

        assertThat(store(batch)).isZero();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM post_tag", Long.class)).isEqualTo(3);
    }

    @Test
    void anAuthorKeepsTheFollowerCountOfTheirNewestPost() {
        store(batch("200", author(500, T0.plusSeconds(60)), post("2", T0.plusSeconds(60), "sre")));
        store(batch("100", author(300, T0), post("1", T0, "sre")));
        assertThat(jdbc.queryForObject("SELECT followers FROM author WHERE id = 'a1'", Long.class)).isEqualTo(500);

        store(batch("300", author(900, T0.plusSeconds(120)), post("3", T0.plusSeconds(120), "sre")));
        assertThat(jdbc.queryForObject("SELECT followers FROM author WHERE id = 'a1'", Long.class)).isEqualTo(900);
    }

    @Test
    void aFailingBatchStoresNothingAndKeepsTheCheckpoint() {
        store(batch("100", author(1, T0), post("1", T0, "sre")));
        List<Map<String, Object>> before = snapshot();

        // no checkpoint breaks a NOT NULL constraint in the last statement, after posts, authors and
        // tag links were written
        CollectedBatch broken = batch(null, author(2, T0.plusSeconds(5)), post("2", T0.plusSeconds(5), "sre"),
                post("3", T0.plusSeconds(6), "sre", "devops"));
        assertThatThrownBy(() -> store(broken)).isInstanceOf(CamelExecutionException.class);

        assertThat(snapshot()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT position FROM checkpoint WHERE source = 'test' AND tag = 'sre'",
                String.class)).isEqualTo("100");
    }

    @Test
    void valuesOneDatabaseWouldRefuseAreMadeStorable() {
        String longId = "https://example.social/" + "x".repeat(300);
        Post odd = new Post("test", longId, T0, "nul\0inside", "Not A Lang!", "https://example.test/\0", "a1",
                List.of("sre"));
        assertThat(store(batch("100", author(1, T0), odd))).isEqualTo(1);
        Map<String, Object> row = jdbc.queryForMap("SELECT id, text, lang FROM post");
        assertThat((String) row.get("id")).startsWith("sha256:").hasSizeLessThanOrEqualTo(128);
        assertThat(row.get("text")).isEqualTo("nulinside");
        assertThat(row.get("lang")).isEqualTo("und");
        assertThat(new Post("test", longId, T0, "", "en", null, "a1", List.of()).id()).isEqualTo(row.get("id"));
    }

    /** The counts and the full-text index (SummaryCounts checks both). */
    @Test
    void theSummaryCountsEqualThePostsWhateverArrivesInWhatOrder() {
        Random random = new Random(7);
        String[] countries = {"PT", "BR", null, "US"};
        String[] tags = {"sre", "devops", "k8s"};
        int failed = 0;
        for (int round = 0; round < 60; round++) {
            Map<String, Author> authors = new TreeMap<>();
            List<Post> posts = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(8); i++) {
                // a small id space, so posts are re-delivered, also under other tags
                String id = Integer.toString(random.nextInt(120));
                String authorId = "a" + random.nextInt(6);
                Instant createdAt = T0.plusSeconds(Long.parseLong(id) * 2161 % (3 * 86_400));
                // snapshots arrive out of order and move authors between countries, known and unknown
                authors.put(authorId, new Author("test", authorId, authorId, authorId, null, "somewhere",
                        countries[random.nextInt(countries.length)], random.nextInt(1000),
                        T0.plusSeconds(random.nextInt(3 * 86_400))));
                // words the index must find, with accents, hashtags and punctuation to split
                String text = "post " + id + " " + TEXTS[Integer.parseInt(id) % TEXTS.length];
                posts.add(new Post("test", id, createdAt, text, random.nextBoolean() ? "en" : "pt", null,
                        authorId, List.of(tags[random.nextInt(3)], tags[random.nextInt(3)])));
            }
            // one batch in ten breaks on its last statement and must leave no trace in the counts
            String checkpoint = random.nextInt(10) == 0 ? null : "cp" + round;
            CollectedBatch batch = new CollectedBatch("test", tags[random.nextInt(3)], posts,
                    List.copyOf(authors.values()), checkpoints(checkpoint), 1, posts.size(), List.of());
            if (checkpoint == null) {
                assertThatThrownBy(() -> store(batch)).isInstanceOf(CamelExecutionException.class);
                failed++;
            } else {
                store(batch);
            }
            assertThat(SummaryCounts.mismatches(jdbc)).as("after batch %d", round).isEmpty();
        }
        assertThat(failed).isPositive();
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT country) FROM tag_posts_per_day_country WHERE posts > 0",
                Integer.class)).isEqualTo(4);
    }

    private Integer store(CollectedBatch batch) {
        Exchange done = camel.send("direct:store-batch", e -> e.getMessage().setBody(batch));
        if (done.getException() != null) {
            throw new CamelExecutionException("store failed", done, done.getException());
        }
        return done.getMessage().getHeader("newPosts", Integer.class);
    }

    private List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        rows.addAll(jdbc.queryForList("SELECT * FROM post ORDER BY id"));
        rows.addAll(jdbc.queryForList("SELECT source, id, username, followers, seen_at FROM author ORDER BY id"));
        rows.addAll(jdbc.queryForList("SELECT * FROM post_tag ORDER BY post_id, tag"));
        rows.addAll(jdbc.queryForList("SELECT source, tag, upstream, position FROM checkpoint"));
        return rows;
    }

    private static CollectedBatch batch(String checkpoint, Author author, Post... posts) {
        return new CollectedBatch("test", "sre", List.of(posts), List.of(author), checkpoints(checkpoint), 1,
                posts.length, List.of());
    }

    /** A null position is one the database refuses (NOT NULL), in the batch's last statements. */
    private static Checkpoints checkpoints(String position) {
        return new Checkpoints(java.util.Collections.singletonMap(Checkpoints.ONLY, position));
    }

    private static Author author(long followers, Instant seenAt) {
        return new Author("test", "a1", "ann", "Ann", "https://example.test/@ann", "Lisbon", "PT", followers, seenAt);
    }

    private static Post post(String id, Instant createdAt, String... tags) {
        return new Post("test", id, createdAt, "post " + id, "en", "https://example.test/" + id, "a1", List.of(tags));
    }
}
