package io.tagwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tagwatch.source.mastodon.FakeMastodon;
import io.tagwatch.source.x.FakeX;
import io.tagwatch.support.SourceTesting;

import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * X stops answering while five tags' cycles run: every tag still gets its Mastodon posts, and every
 * tag's X search is in flight at once. One X cycle at a time, or X before Mastodon in each cycle,
 * would hold them all behind the stuck answer.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(properties = {"tagwatch.sources=x,mastodon", "tagwatch.collect.first-run-delay=3600000",
        "tagwatch.collect.period=1h", "tagwatch.routes-dir=target/no-routes-dir", "tagwatch.upstream.retries=0",
        "tagwatch.x.daily-read-budget=100000"})
class StuckUpstreamTest {

    private static final List<String> TAGS = List.of("sre", "devops", "metrics", "oauth", "microservices");
    static final FakeX X = new FakeX();
    static final FakeMastodon MASTODON = new FakeMastodon(112_000_000_000_000_000L);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-stuck");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.x.base-url", X::baseUrl);
        registry.add("tagwatch.x.bearer-token", () -> "stuck-test-token");
        registry.add("tagwatch.mastodon.instances[0].url", MASTODON::url);
    }

    @AfterAll
    static void stopFakes() {
        X.release();
        X.close();
        MASTODON.close();
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aStuckXHoldsBackNeitherMastodonNorTheOtherTags() {
        X.acceptToken("stuck-test-token");
        for (String tag : TAGS) {
            X.add(3, tag);
            FakeMastodon.Status status = new FakeMastodon.Status("https://origin.example/users/u/statuses/" + tag,
                    Instant.parse("2026-11-19T00:00:00Z"), "<p>#" + tag + "</p>", "en", List.of(tag), "u",
                    "https://origin.example", 1, null);
            MASTODON.federate(status);
        }
        X.hold();
        for (String tag : TAGS) {
            camel.asyncSend("direct:collect-cycle", e -> e.getMessage().setHeader("tag", tag));
        }

        // while X answers nothing, up to the deadline (30 s)
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String tag : TAGS) {
                assertThat(SourceTesting.storedIds(jdbc, "mastodon", tag)).as(tag).hasSize(1);
            }
            assertThat(X.searches()).hasSize(TAGS.size());
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM post WHERE source = 'x'", Long.class)).isZero();

        // a second cycle of a tag whose cycle still runs is skipped: they could store out of order
        camel.send("direct:collect-cycle", e -> e.getMessage().setHeader("tag", "sre"));
        assertThat(X.searches()).hasSize(TAGS.size());

        X.release();
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (String tag : TAGS) {
                assertThat(SourceTesting.storedIds(jdbc, "x", tag)).as(tag)
                        .containsExactlyInAnyOrderElementsOf(X.idsFor(tag));
            }
        });
    }
}
