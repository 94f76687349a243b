package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.source.x.FakeX;
import io.tagwatch.support.ApiClient;
import io.tagwatch.support.FakeUpstream;

import org.junit.jupiter.api.Test;

/**
 * What X allows is the account's, not one instance's: three instances on one PostgreSQL, ten tags,
 * a cycle every two seconds. A 429 with a reset time that one of them receives holds all three back
 * until the reset; a daily read budget of 300, with searches that overlap (each post carries three of
 * the tags, so three searches return it), lets the three together read at most 300 posts and one page.
 */
class SharedLimitsIT {

    private static final Duration PERIOD = Duration.ofSeconds(2);
    private static final Duration PAUSE = Duration.ofSeconds(15);
    /**
     * A request whose gate was checked before the instance that got the 429 stored the pause may still
     * go out just after it (a store takes milliseconds, a busy machine more): those are not counted.
     */
    private static final long IN_FLIGHT_MILLIS = 500;
    private static final int BUDGET = 300;

    @Test
    void aRateLimitPauseAndTheReadBudgetHoldForTheWholeCluster() throws Exception {
        try (Cluster cluster = new Cluster("limits", 0, PERIOD, List.of("--tagwatch.sources=x",
                "--tagwatch.x.daily-read-budget=" + BUDGET, "--tagwatch.x.max-pages-per-cycle=1"))) {
            FakeX x = cluster.x;
            cluster.startReady("node-a", "node-b", "node-c");
            Cluster.waitUntil(() -> x.searches().size() >= 2 * cluster.tags.size(), cluster.patience(),
                    "every tag searched twice");

            // one 429, to whichever instance asks next, resetting in 15 s
            Instant reset = Instant.ofEpochSecond(Instant.now().plus(PAUSE).getEpochSecond());
            x.rateLimit(100_000_000, reset);
            int before = x.searches().size();
            x.fault(FakeX.Fault.RATE_LIMIT);
            Cluster.waitUntil(() -> x.searches().size() > before, cluster.patience(), "the 429 sent");
            FakeUpstream.Request limited = x.searches().get(before);
            assertThat(reset.toEpochMilli() - limited.atMillis()).as("ms between the 429 and its reset, for the"
                    + " instances to be seen waiting").isGreaterThan(PAUSE.toMillis() / 2);
            for (String node : cluster.instances.keySet()) {
                // each instance reads the pause from the database; it must show it before it ends
                Cluster.waitUntil(() -> "rate_limited".equals(xState(cluster, node)),
                        Duration.between(Instant.now(), reset), node + " shows x as rate_limited");
            }
            Cluster.waitUntil(() -> Instant.now().isAfter(reset.plus(PERIOD.multipliedBy(3))), PAUSE.multipliedBy(2),
                    "the reset and three periods");
            List<FakeUpstream.Request> after = x.searches().subList(before + 1, x.searches().size());
            long inFlight = after.stream().filter(r -> r.atMillis() <= limited.atMillis() + IN_FLIGHT_MILLIS)
                    .filter(r -> r.atMillis() < reset.toEpochMilli()).count();
            long duringPause = after.stream().filter(r -> r.atMillis() > limited.atMillis() + IN_FLIGHT_MILLIS)
                    .filter(r -> r.atMillis() < reset.toEpochMilli()).count();
            long resumed = after.stream().filter(r -> r.atMillis() >= reset.toEpochMilli()).count();
            System.out.printf("shared pause: 3 instances, a 429 resetting in %d s: %d requests during the pause"
                    + " (%d more already past their gate within %d ms of the 429), %d after the reset%n",
                    PAUSE.toSeconds(), duringPause, inFlight, IN_FLIGHT_MILLIS, resumed);
            assertThat(duringPause).as("X searches during the announced pause, by any instance").isZero();
            assertThat(resumed).as("X searches after the reset").isGreaterThanOrEqualTo(cluster.tags.size());

            // overlapping searches: each post has three of the ten tags
            int servedBefore = x.postsServed();
            for (int i = 0; i < 100; i++) {
                for (int t = 0; t < cluster.tags.size(); t++) {
                    x.add(1, cluster.tags.get(t), cluster.tags.get((t + 1) % cluster.tags.size()),
                            cluster.tags.get((t + 2) % cluster.tags.size()));
                }
            }
            for (String node : cluster.instances.keySet()) {
                Cluster.waitUntil(() -> "budget_exhausted".equals(xState(cluster, node)), cluster.patience(),
                        node + " shows x as budget_exhausted");
            }
            int searches = x.searches().size();
            Thread.sleep(PERIOD.multipliedBy(3).toMillis());
            int read = x.postsServed() - servedBefore;
            long ledger = cluster.jdbc.queryForObject("SELECT reads FROM read_budget WHERE source = 'x'", Long.class);
            System.out.printf("budget: 3 instances, a daily budget of %d, overlapping searches: %d posts read (at most"
                    + " %d allowed; 3 separate budgets would read %d), %d recorded%n", BUDGET, read, BUDGET + 100,
                    3 * BUDGET, ledger);
            assertThat(read).as("posts read by the three together").isLessThanOrEqualTo(BUDGET + 100)
                    .isGreaterThanOrEqualTo(BUDGET);
            assertThat(ledger).as("reads recorded in the shared ledger").isEqualTo(x.postsServed());
            assertThat(x.searches()).as("no search once the budget is spent").hasSize(searches);
            assertThat(cluster.errorLines("node-a", "node-b", "node-c")).as("ERROR lines: one budget_exhausted change")
                    .isOne();
        }
    }

    private static String xState(Cluster cluster, String node) {
        JsonNode tags = new ApiClient(cluster.instances.get(node).port()).getJson("/api/v1/tags");
        return tags.get("items").get(0).get("sources").get(0).get("state").asText();
    }
}
