package io.tagwatch.source.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.source.SourceGates;
import io.tagwatch.source.x.FakeX.Fault;
import io.tagwatch.support.ApiClient;
import io.tagwatch.support.SourceTesting;

import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The X source against a fake X API v2 speaking the real wire format. Cycles are driven by hand; after
 * every fault the stored posts must equal the fake's, none lost and none twice.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tagwatch.sources=x", "tagwatch.collect.first-run-delay=3600000", "tagwatch.collect.period=1h",
        "tagwatch.routes-dir=target/no-routes-dir", "tagwatch.upstream.backoff=10ms",
        "tagwatch.upstream.read-timeout=500ms", "tagwatch.upstream.circuit-failures=100",
        "tagwatch.x.max-pages-per-cycle=3", "tagwatch.x.daily-read-budget=100000",
        "tagwatch.admin-token=" + XSourceTest.ADMIN_TOKEN})
class XSourceTest {

    static final FakeX FAKE = new FakeX();
    static final String ADMIN_TOKEN = "fake-admin-token-7f3a9c-0123456789abcdef";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-x");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.x.base-url", FAKE::baseUrl);
        registry.add("tagwatch.x.api-key", () -> FakeX.API_KEY);
        registry.add("tagwatch.x.api-key-secret", () -> FakeX.API_SECRET);
        registry.add("tagwatch.x.bearer-token", () -> "");
    }

    @AfterAll
    static void stopFake() {
        FAKE.close();
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SourceGates gates;
    @LocalServerPort
    int port;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    @BeforeEach
    void reset() {
        gates.resetAll();
    }

    @Test
    void pagesCheckpointsAndAPostWithThreeTags() {
        FAKE.add(230, "SRE");
        FAKE.add(1, "SRE", "DevOps", "Observability");
        cycle("sre");
        assertThat(stored("sre")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("sre"));
        String newest = FAKE.idsFor("sre").get(FAKE.idsFor("sre").size() - 1);
        assertThat(checkpoint("sre")).isEqualTo(newest);
        assertThat(jdbc.queryForList("SELECT tag FROM post_tag WHERE post_id = ? ORDER BY tag", String.class, newest))
                .containsExactly("devops", "observability", "sre");
        List<io.tagwatch.support.FakeUpstream.Request> first = searches("sre");
        assertThat(first).hasSize(3);
        assertThat(first.get(0).param("query")).isEqualTo("#sre -is:retweet");
        assertThat(first.get(0).param("since_id")).isNull();
        List<String> newestFirst = new java.util.ArrayList<>(FAKE.idsFor("sre"));
        java.util.Collections.reverse(newestFirst);
        assertThat(first.get(1).param("next_token")).isEqualTo("tok-" + newestFirst.get(99));
        assertThat(first.get(0).param("tweet.fields")).isEqualTo("created_at,lang,author_id,entities,public_metrics");
        assertThat(first.get(0).param("expansions")).isEqualTo("author_id");
        assertThat(first.get(0).param("user.fields")).isEqualTo("public_metrics,location,username,name");

        FAKE.add(4, "sre");
        cycle("sre");
        assertThat(stored("sre")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("sre"));
        assertThat(searches("sre").get(3).param("since_id")).isEqualTo(newest);

        // and the summaries say what the fake holds
        ApiClient api = new ApiClient(port);
        List<FakeX.Post> posts = FAKE.postsFor("sre");
        long[] hours = new long[24];
        posts.forEach(p -> hours[p.createdAt().atZone(java.time.ZoneOffset.UTC).getHour()]++);
        JsonNode byHour = api.getJson("/api/v1/stats/posts-by-hour?tag=sre&source=x");
        assertThat(byHour.get("total").asLong()).isEqualTo(posts.size());
        for (int h = 0; h < 24; h++) {
            assertThat(byHour.get("items").get(h).get("posts").asLong()).as("hour %d", h).isEqualTo(hours[h]);
        }
        List<String> expectedTop = posts.stream().map(FakeX.Post::authorId).distinct()
                .sorted(java.util.Comparator.comparingLong(FakeX::followers).reversed()
                        .thenComparing(id -> "user_" + id))
                .map(id -> "user_" + id).toList();
        List<String> top = new java.util.ArrayList<>();
        api.getJson("/api/v1/stats/top-users?tag=sre&source=x&limit=100").get("items")
                .forEach(u -> top.add(u.get("username").asText()));
        assertThat(top).isEqualTo(expectedTop);
        JsonNode byCountry = api.getJson("/api/v1/stats/posts-by-tag?by=country&source=x");
        JsonNode sre = null;
        for (JsonNode item : byCountry.get("items")) {
            if (item.get("tag").asText().equals("sre")) {
                sre = item;
            }
        }
        assertThat(sre.get("value").asText()).isEqualTo("PT"); // "Lisbon, Portugal"
        assertThat(sre.get("posts").asLong()).isEqualTo(posts.size());
    }

    @Test
    void serverErrorsTimeoutsAndTruncatedBodiesAreRetriedWithinTheCycle() {
        FAKE.add(30, "metrics");
        FAKE.fault(Fault.SERVER_ERROR, Fault.TIMEOUT);
        cycle("metrics");
        assertThat(stored("metrics")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("metrics"));

        FAKE.add(3, "metrics");
        FAKE.fault(Fault.TRUNCATED, Fault.TRUNCATED, Fault.TRUNCATED);
        cycle("metrics"); // three malformed answers: the retries are spent, the cycle fails, nothing moves
        assertThat(state("metrics").get("state").asText()).isEqualTo("error");
        assertThat(stored("metrics")).hasSize(30);
        cycle("metrics");
        assertThat(stored("metrics")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("metrics"));
        assertThat(state("metrics").get("state").asText()).isEqualTo("ok");
    }

    @Test
    void anExpiredTokenIsReplacedOnceAndARefusedOneStopsTheSource() {
        FAKE.add(12, "oauth");
        cycle("oauth");
        int issued = FAKE.tokensIssued();
        FAKE.add(3, "oauth");
        cycle("oauth");
        assertThat(FAKE.tokensIssued()).isEqualTo(issued); // the app-only token is cached
        FAKE.fault(Fault.EXPIRE_TOKEN);
        cycle("oauth");
        assertThat(FAKE.tokensIssued()).isEqualTo(issued + 1);
        assertThat(stored("oauth")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("oauth"));

        FAKE.fault(Fault.UNAUTHORIZED, Fault.UNAUTHORIZED);
        cycle("oauth");
        JsonNode status = state("oauth");
        assertThat(status.get("state").asText()).isEqualTo("unauthorized");
        SourceTesting.assertError(status, "unauthorized");
        int sent = FAKE.searches().size();
        cycle("oauth");
        assertThat(FAKE.searches()).hasSize(sent); // no retry loop against refused credentials

        FAKE.fault(Fault.CLIENT_FORBIDDEN, Fault.CLIENT_FORBIDDEN);
        gates.resetAll(); // a person fixed it
        cycle("oauth");
        SourceTesting.assertError(state("oauth"), "unauthorized");
        gates.resetAll();
        FAKE.add(2, "oauth");
        cycle("oauth");
        assertThat(stored("oauth")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("oauth"));
    }

    @Test
    void usageCapAndSpentCreditsStopCollectionWithoutRetrying() {
        FAKE.add(5, "openbanking");
        for (Fault fault : List.of(Fault.USAGE_CAP, Fault.CREDITS)) {
            FAKE.fault(fault);
            cycle("openbanking");
            JsonNode status = state("openbanking");
            assertThat(status.get("state").asText()).isEqualTo("budget_exhausted");
            SourceTesting.assertError(status, "budget_exhausted");
            int sent = FAKE.searches().size();
            cycle("openbanking");
            cycle("openbanking");
            assertThat(FAKE.searches()).hasSize(sent);
            assertThat(stored("openbanking")).isEmpty();
            gates.resetAll();
        }
        cycle("openbanking");
        assertThat(stored("openbanking")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("openbanking"));
    }

    @Test
    void aRateLimitIsWaitedOutWithoutSendingAnything() {
        FAKE.add(15, "remediation");
        Instant reset = Instant.now().plusSeconds(3);
        FAKE.rateLimit(0, reset);
        FAKE.fault(Fault.RATE_LIMIT);
        cycle("remediation");
        assertThat(state("remediation").get("state").asText()).isEqualTo("rate_limited");
        int sent = FAKE.searches().size();
        cycle("remediation");
        assertThat(FAKE.searches()).hasSize(sent);
        assertThat(stored("remediation")).isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(reset.plusSeconds(1)));
        FAKE.rateLimit(450, Instant.now().plusSeconds(900));
        cycle("remediation");
        assertThat(FAKE.searches().get(sent).atMillis()).isGreaterThanOrEqualTo(reset.toEpochMilli());
        assertThat(stored("remediation")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("remediation"));
        assertThat(state("remediation").get("state").asText()).isEqualTo("ok");
    }

    @Test
    void remainingZeroOnASuccessfulPageStopsPagingUntilTheReset() {
        FAKE.add(150, "logmonitoring");
        Instant reset = Instant.now().plusSeconds(2);
        FAKE.rateLimit(1, reset); // this page is the window's last
        cycle("logmonitoring");
        assertThat(searches("logmonitoring")).hasSize(1);
        assertThat(stored("logmonitoring")).hasSize(100);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(reset.plusSeconds(1)));
        FAKE.rateLimit(450, Instant.now().plusSeconds(900));
    }

    @Test
    void aPersonCanRunACycleNowWithTheAdminToken() {
        FAKE.add(7, "microservices");
        FAKE.fault(Fault.UNAUTHORIZED, Fault.UNAUTHORIZED);
        cycle("microservices");
        assertThat(state("microservices").get("state").asText()).isEqualTo("unauthorized");

        ApiClient api = new ApiClient(port);
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer wrong"},
                new String[] {"Authorization", ADMIN_TOKEN})) {
            ApiClient.Response refused = api.post("/api/v1/collect?tag=microservices", headers);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain(ADMIN_TOKEN);
        }
        // the token in the query string, where Camel would have copied it into the headers
        ApiClient.Response inQuery = api.post("/api/v1/collect?tag=microservices&Authorization="
                + java.net.URLEncoder.encode("Bearer " + ADMIN_TOKEN, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(inQuery.status()).isEqualTo(401);
        assertThat(registry.get("tagwatch.admin.token.refused").counter().count()).isEqualTo(4);
        assertThat(api.post("/api/v1/collect?tag=nosuchtag", "Authorization", "Bearer " + ADMIN_TOKEN).status())
                .isEqualTo(404);

        ApiClient.Response accepted = api.post("/api/v1/collect?tag=MicroServices", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("tags").get(0).asText()).isEqualTo("microservices");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stored("microservices"))
                .containsExactlyInAnyOrderElementsOf(FAKE.idsFor("microservices")));
        assertThat(state("microservices").get("state").asText()).isEqualTo("ok");
    }

    private static List<io.tagwatch.support.FakeUpstream.Request> searches(String tag) {
        return FAKE.searches().stream().filter(r -> r.param("query").startsWith("#" + tag + " ")).toList();
    }

    private void cycle(String tag) {
        SourceTesting.cycle(camel, tag);
    }

    private List<String> stored(String tag) {
        return SourceTesting.storedIds(jdbc, "x", tag);
    }

    private String checkpoint(String tag) {
        return SourceTesting.checkpoint(jdbc, "x", tag);
    }

    private JsonNode state(String tag) {
        return SourceTesting.status(port, tag, "x");
    }
}
