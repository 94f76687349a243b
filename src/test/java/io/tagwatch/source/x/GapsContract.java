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
import io.tagwatch.support.MutableClock;
import io.tagwatch.support.SourceTesting;
import io.tagwatch.support.SummaryCounts;

import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * X's backlog beyond a cycle's page limit (one page of 100 here) is read, not skipped: the posts a
 * cycle could not reach are a window that later cycles fill, newest first, within the same reads; a
 * window X no longer serves is given up and counted; a backfill request reads exactly the range asked
 * for. Each test uses a tag of its own, on both databases.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@Import(GapsContract.MovableClock.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"tagwatch.sources=x",
        "tagwatch.collect.first-run-delay=3600000", "tagwatch.collect.period=1h", "tagwatch.routes-dir=target/no-routes-dir",
        "tagwatch.upstream.retries=0", "tagwatch.upstream.backoff=10ms", "tagwatch.x.max-pages-per-cycle=1",
        "tagwatch.x.daily-read-budget=100000", "tagwatch.admin-token=" + GapsContract.ADMIN_TOKEN,
        "tagwatch.x.bearer-token=" + GapsContract.TOKEN})
abstract class GapsContract {

    static final String TOKEN = "gaps-test-bearer-token";
    static final String ADMIN_TOKEN = "gaps-test-admin-token-0123456789abcdef";

    @TestConfiguration
    static class MovableClock {
        @Bean
        @Primary
        MutableClock movableClock() {
            return new MutableClock();
        }
    }

    abstract FakeX fake();

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MutableClock clock;
    @LocalServerPort
    int port;

    @AfterEach
    void clockBack() {
        clock.reset();
    }

    @Test
    void aBacklogOfFiveTimesThePageLimitIsCollectedCompletelyReadingEachPostOnce() {
        String tag = "sre";
        fake().acceptToken(TOKEN);
        fake().add(5, tag);
        cycle(tag);
        int servedBefore = fake().postsServed();
        fake().add(500, tag);

        int cycles = fillUp(tag);

        assertThat(stored(tag)).containsExactlyInAnyOrderElementsOf(fake().idsFor(tag));
        int reads = fake().postsServed() - servedBefore;
        assertThat(reads).as("posts read for 500 new ones").isBetween(500, 525);
        // each cycle reads one page at the head and one in the windows: 100 + 100, then 100 a cycle
        assertThat(cycles).isEqualTo(4);
        assertThat(counter("tagwatch.gap.windows.opened", "kind", "gap")).isEqualTo(1);
        assertThat(counter("tagwatch.gap.windows.filled", "kind", "gap")).isEqualTo(1);
        assertThat(SummaryCounts.mismatches(jdbc)).isEmpty();
    }

    @Test
    void twoOutagesLeaveTwoWindowsAndBothAreFilled() {
        String tag = "devops";
        fake().acceptToken(TOKEN);
        fake().add(5, tag);
        cycle(tag);
        int servedBefore = fake().postsServed();
        fake().add(300, tag);
        cycle(tag); // the head reads 100, the window (200) gives 100
        fake().add(300, tag);
        cycle(tag); // again: the newer window gives 100, the older waits

        JsonNode windows = SourceTesting.status(port, tag, "x").get("windows");
        assertThat(windows).hasSize(2).allSatisfy(w -> {
            assertThat(w.get("state").asText()).isEqualTo("open");
            assertThat(w.get("kind").asText()).isEqualTo("gap");
        });
        assertThat(Instant.parse(windows.get(0).get("from").asText()))
                .isAfter(Instant.parse(windows.get(1).get("to").asText()));

        fillUp(tag);
        assertThat(stored(tag)).containsExactlyInAnyOrderElementsOf(fake().idsFor(tag));
        assertThat(fake().postsServed() - servedBefore).isBetween(600, 630);
        assertThat(SourceTesting.status(port, tag, "x").get("windows")).isEmpty();
    }

    @Test
    void aWindowOlderThanXServesIsGivenUpAndCounted() {
        String tag = "metrics";
        fake().acceptToken(TOKEN);
        fake().add(5, tag);
        cycle(tag);
        fake().add(300, tag);
        cycle(tag); // 100 posts of the window are left
        int searches = fake().searches().size();

        clock.advance(Duration.ofDays(8)); // the service was down for eight days
        cycle(tag);

        JsonNode status = SourceTesting.status(port, tag, "x");
        assertThat(status.get("state").asText()).isEqualTo("ok");
        List<String> reasons = new ArrayList<>();
        status.get("windows").forEach(w -> {
            assertThat(w.get("state").asText()).isEqualTo("abandoned");
            assertThat(w.get("abandoned_at").asText()).isNotEmpty();
            reasons.add(w.get("reason").asText());
        });
        assertThat(reasons).isNotEmpty().containsOnly("too_old");
        assertThat(counter("tagwatch.gap.windows.abandoned", "reason", "too_old")).isGreaterThanOrEqualTo(1);
        // eight days down, seven served: the first day after the checkpoint is gone, and what was left of
        // the window with it
        assertThat(meters.get("tagwatch.gap.abandoned").tag("source", "x").tag("reason", "too_old").counter().count())
                .as("seconds given up").isBetween((double) Duration.ofDays(1).toSeconds(),
                        (double) Duration.ofDays(1).plusMinutes(5).toSeconds());
        // X was asked only from where it still serves: it would have refused an older since_id
        fake().searches().subList(searches, fake().searches().size()).forEach(r -> {
            assertThat(r.param("since_id")).isNull();
            assertThat(r.param("start_time")).isNotNull();
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gap_window WHERE tag = ? AND state = 'open'",
                Integer.class, tag)).isZero();
    }

    @Test
    void aBackfillReadsExactlyTheRangeAskedForAgainstTheBudget() {
        String tag = "oauth";
        fake().acceptToken(TOKEN);
        List<FakeX.Post> recent = fake().add(20, tag);
        cycle(tag);
        Instant now = Instant.now();
        List<FakeX.Post> tooEarly = fake().addAt(now.minus(Duration.ofDays(3)), 50, tag);
        List<FakeX.Post> asked = fake().addAt(now.minus(Duration.ofDays(2)), 150, tag);
        Instant since = asked.get(0).createdAt().truncatedTo(ChronoUnit.SECONDS);
        assertThat(tooEarly.get(tooEarly.size() - 1).createdAt()).isBefore(since);
        int servedBefore = fake().postsServed();
        double budgetBefore = meters.get("tagwatch.x.budget.remaining.reads").gauge().value();

        ApiClient.Response answer = new ApiClient(port).post("/api/v1/collect?tag=" + tag + "&since=" + since,
                "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(answer.status()).isEqualTo(202);
        JsonNode backfill = answer.json().get("backfill");
        assertThat(backfill).hasSize(1);
        assertThat(backfill.get(0).get("source").asText()).isEqualTo("x");
        assertThat(Instant.parse(backfill.get(0).get("from").asText())).isEqualTo(since);
        assertThat(Instant.parse(backfill.get(0).get("to").asText())).isEqualTo(recent.get(0).createdAt());

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            cycle(tag);
            assertThat(openWindows(tag)).isZero();
        });
        List<String> expected = new ArrayList<>(recent.stream().map(FakeX.Post::id).toList());
        asked.forEach(p -> expected.add(p.id()));
        assertThat(stored(tag)).containsExactlyInAnyOrderElementsOf(expected);
        int reads = fake().postsServed() - servedBefore;
        assertThat(reads).isEqualTo(150);
        assertThat(budgetBefore - meters.get("tagwatch.x.budget.remaining.reads").gauge().value())
                .as("reads taken from the day's budget").isEqualTo(reads);
        assertThat(counter("tagwatch.gap.windows.opened", "kind", "backfill")).isEqualTo(1);
    }

    @Test
    void aBackfillSinceInTheFutureIsRefused() {
        ApiClient.Response answer = new ApiClient(port).post("/api/v1/collect?since="
                + Instant.now().plus(Duration.ofDays(1)), "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("parameter").asText()).isEqualTo("since");
    }

    /** Cycles until the tag has no open window; answers how many it took. */
    private int fillUp(String tag) {
        int cycles = 0;
        do {
            cycle(tag);
            cycles++;
        } while (openWindows(tag) > 0 && cycles < 20);
        assertThat(openWindows(tag)).isZero();
        return cycles;
    }

    private int openWindows(String tag) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM gap_window WHERE source = 'x' AND tag = ? AND state = 'open'",
                Integer.class, tag);
    }

    private double counter(String name, String key, String value) {
        return meters.get(name).tag("source", "x").tag(key, value).counter().count();
    }

    private void cycle(String tag) {
        SourceTesting.cycle(camel, tag);
    }

    private List<String> stored(String tag) {
        return SourceTesting.storedIds(jdbc, "x", tag);
    }
}
