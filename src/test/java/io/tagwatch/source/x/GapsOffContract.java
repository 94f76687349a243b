package io.tagwatch.source.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagwatch.support.ApiClient;
import io.tagwatch.support.SourceTesting;

import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * With tagwatch.x.fill-gaps=false, X is polled as before windows existed: a cycle that stops at its page
 * limit skips the older new posts, and the skip is counted and shown. A backfill, which a person asks
 * for, is still read, and never past the day's read budget (250 here), on both databases.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"tagwatch.sources=x",
        "tagwatch.collect.first-run-delay=3600000", "tagwatch.collect.period=1h", "tagwatch.routes-dir=target/no-routes-dir",
        "tagwatch.upstream.retries=0", "tagwatch.upstream.backoff=10ms", "tagwatch.x.max-pages-per-cycle=1",
        "tagwatch.x.fill-gaps=false", "tagwatch.x.daily-read-budget=" + GapsOffContract.BUDGET,
        "tagwatch.admin-token=" + GapsContract.ADMIN_TOKEN, "tagwatch.x.bearer-token=" + GapsContract.TOKEN})
abstract class GapsOffContract {

    static final int BUDGET = 250;

    abstract FakeX fake();

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    @Test
    void skippedPostsAreCountedAndABackfillStaysWithinTheBudget() {
        fake().acceptToken(GapsContract.TOKEN);
        fake().add(5, "sre");
        SourceTesting.cycle(camel, "sre");
        List<FakeX.Post> burst = fake().add(300, "sre");
        SourceTesting.cycle(camel, "sre");
        SourceTesting.cycle(camel, "sre");

        // the newest page only, as X's polling pattern has it; the 200 older posts are given up
        assertThat(SourceTesting.storedIds(jdbc, "x", "sre")).hasSize(105)
                .containsAll(burst.subList(200, 300).stream().map(FakeX.Post::id).toList())
                .doesNotContainAnyElementsOf(burst.subList(0, 200).stream().map(FakeX.Post::id).toList());
        JsonNode windows = SourceTesting.status(port, "sre", "x").get("windows");
        assertThat(windows).hasSize(1);
        assertThat(windows.get(0).get("state").asText()).isEqualTo("abandoned");
        assertThat(windows.get(0).get("reason").asText()).isEqualTo("fill_gaps_off");
        assertThat(meters.get("tagwatch.gap.windows.abandoned").tag("source", "x").tag("reason", "fill_gaps_off")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("tagwatch.gap.abandoned").tag("source", "x").tag("reason", "fill_gaps_off")
                .counter().count()).as("seconds given up").isPositive();

        List<FakeX.Post> recent = fake().add(10, "devops");
        SourceTesting.cycle(camel, "devops");
        List<FakeX.Post> past = fake().addAt(Instant.now().minus(Duration.ofDays(2)), 300, "devops");
        Instant since = past.get(0).createdAt().truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Response answer = new ApiClient(port).post("/api/v1/collect?tag=devops&since=" + since,
                "Authorization", "Bearer " + GapsContract.ADMIN_TOKEN);
        assertThat(answer.status()).isEqualTo(202);
        // the request started a cycle of its own; a cycle asked for while it runs is skipped
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            SourceTesting.cycle(camel, "devops");
            return "budget_exhausted".equals(SourceTesting.status(port, "devops", "x").get("state").asText());
        });

        assertThat(fake().postsServed()).as("posts read in all").isEqualTo(BUDGET);
        assertThat(SourceTesting.status(port, "devops", "x").get("state").asText()).isEqualTo("budget_exhausted");
        // the newest of the past as far as the budget went, and the rest still open for tomorrow
        int read = BUDGET - 105 - recent.size();
        List<String> expected = new ArrayList<>(recent.stream().map(FakeX.Post::id).toList());
        past.subList(past.size() - read, past.size()).forEach(p -> expected.add(p.id()));
        assertThat(SourceTesting.storedIds(jdbc, "x", "devops")).containsExactlyInAnyOrderElementsOf(expected);
        JsonNode open = SourceTesting.status(port, "devops", "x").get("windows");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("kind").asText()).isEqualTo("backfill");
        assertThat(open.get(0).get("state").asText()).isEqualTo("open");
        assertThat(Instant.parse(open.get(0).get("to").asText()))
                .isEqualTo(past.get(past.size() - read).createdAt());
    }
}
