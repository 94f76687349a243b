package io.tagwatch.source.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.twitter.FakeTwitterV11.Fault;
import io.tagwatch.source.twitter.FakeTwitterV11.Status;
import io.tagwatch.support.ApiClient;
import io.tagwatch.support.SourceTesting;
import io.tagwatch.support.FakeUpstream.Request;

import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The twitter source (route source-twitter on camel-twitter's twitter-search endpoint) against a fake
 * X API v1.1 search that checks the OAuth 1.0a signature. Cycles are driven by hand; after each the
 * stored posts must equal the fake's, none lost and none twice, and no secret may reach the log.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tagwatch.sources=twitter", "tagwatch.collect.first-run-delay=3600000", "tagwatch.collect.period=1h",
        "tagwatch.routes-dir=target/no-routes-dir", "tagwatch.upstream.read-timeout=500ms",
        "logging.level.io.tagwatch=DEBUG", "logging.level.org.apache.camel=DEBUG"})
class TwitterSourceTest {

    static final FakeTwitterV11 FAKE = new FakeTwitterV11();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-twitter");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.twitter.rest-base-url", FAKE::restBaseUrl);
        registry.add("tagwatch.twitter.api-key", () -> FakeTwitterV11.CONSUMER_KEY);
        registry.add("tagwatch.twitter.api-key-secret", () -> FakeTwitterV11.CONSUMER_SECRET);
        registry.add("tagwatch.twitter.access-token-key", () -> FakeTwitterV11.ACCESS_TOKEN);
        registry.add("tagwatch.twitter.access-token-secret", () -> FakeTwitterV11.ACCESS_TOKEN_SECRET);
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
    @Autowired
    TwitterSource twitterSource;
    @LocalServerPort
    int port;

    @BeforeEach
    void reset() {
        gates.resetAll();
    }

    @Test
    void storesEachStatusOnceWithItsTrackedHashtags(CapturedOutput output) {
        List<Status> older = FAKE.add(4, "SRE");
        Status threeTags = FAKE.add(1, "SRE", "DevOps", "Observability").get(0);
        FAKE.retweet(older.get(0));
        cycle("sre");
        assertThat(stored("sre")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("sre")).hasSize(5);
        assertThat(checkpoint("sre")).isEqualTo(FAKE.newestIdFor("sre")); // the retweet: newest, not stored
        String id = Long.toString(threeTags.id());
        assertThat(jdbc.queryForList("SELECT tag FROM post_tag WHERE post_id = ? ORDER BY tag", String.class, id))
                .containsExactly("devops", "observability", "sre");
        assertThat(searches("sre")).hasSize(1);
        assertThat(searches("sre").get(0).param("tweet_mode")).isEqualTo("extended");

        JsonNode post = new ApiClient(port).getJson("/api/v1/posts/twitter/" + id);
        assertThat(post.get("created_at").asText()).isEqualTo(threeTags.createdAt().toString());
        assertThat(post.get("text").asText()).isEqualTo(threeTags.text());
        assertThat(post.get("lang").asText()).isEqualTo("en");
        String user = "user_" + threeTags.userId();
        assertThat(post.get("url").asText()).isEqualTo("https://x.com/" + user + "/status/" + id);
        JsonNode author = post.get("author");
        assertThat(author.get("id").asText()).isEqualTo(Long.toString(threeTags.userId()));
        assertThat(author.get("username").asText()).isEqualTo(user);
        assertThat(author.get("followers").asLong()).isEqualTo(1000 + threeTags.userId());
        assertThat(author.get("location").asText()).isEqualTo("Lisbon, Portugal");
        assertThat(author.get("country").asText()).isEqualTo("PT");

        // the answer repeats the five stored statuses and the retweet: only the new one is added
        String before = checkpoint("sre");
        Status newer = FAKE.add(1, "sre").get(0);
        cycle("sre");
        assertThat(stored("sre")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("sre")).hasSize(6);
        assertThat(checkpoint("sre")).isEqualTo(Long.toString(newer.id())).isEqualTo(FAKE.newestIdFor("sre"));
        assertThat(searches("sre").get(1).param("since_id")).isNull(); // camel-twitter cannot send it

        CollectedBatch sinceBefore = twitterSource.fetch("sre", Checkpoints.of(before));
        assertThat(sinceBefore.posts()).extracting(Post::id).containsExactly(Long.toString(newer.id()));
        assertThat(sinceBefore.postsRead()).isEqualTo(7);
        CollectedBatch nothingNew = twitterSource.fetch("sre", Checkpoints.of(checkpoint("sre")));
        assertThat(nothingNew.posts()).isEmpty();
        assertThat(nothingNew.checkpoints().isEmpty()).isTrue(); // keep the stored one
        assertNoSecretIn(output);
    }

    @Test
    void code453StopsTheSourceUntilAPersonActs(CapturedOutput output) {
        FAKE.add(3, "oauth");
        FAKE.fault(Fault.NO_V11_ACCESS);
        cycle("oauth");
        JsonNode status = state("oauth");
        assertThat(status.get("state").asText()).isEqualTo("unauthorized");
        SourceTesting.assertError(status, "unauthorized");
        assertThat(output.getOut()).contains("v1.1 search only to some accounts").contains("HTTP 403, code 453");
        int sent = FAKE.searches().size();
        cycle("oauth");
        assertThat(FAKE.searches()).hasSize(sent);
        assertThat(stored("oauth")).isEmpty();

        gates.resetAll(); // a person acted (POST /api/v1/collect)
        cycle("oauth");
        assertThat(stored("oauth")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("oauth"));
        assertThat(state("oauth").get("state").asText()).isEqualTo("ok");
        assertNoSecretIn(output);
    }

    @Test
    void aRateLimitIsWaitedOutWithoutSendingAnything(CapturedOutput output) {
        FAKE.add(3, "remediation");
        Instant reset = Instant.now().plusSeconds(5); // some margin on a slow machine: nothing may be sent before
        FAKE.rateLimitResetsAt(reset);
        FAKE.fault(Fault.RATE_LIMIT);
        cycle("remediation");
        JsonNode status = state("remediation");
        assertThat(status.get("state").asText()).isEqualTo("rate_limited");
        SourceTesting.assertError(status, "rate_limited");
        assertThat(output.getOut()).contains("HTTP 429, code 88: Rate limit exceeded");
        int sent = FAKE.searches().size();
        cycle("remediation");
        assertThat(FAKE.searches()).hasSize(sent);
        assertThat(stored("remediation")).isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(reset.plusSeconds(1)));
        cycle("remediation");
        assertThat(FAKE.searches()).hasSize(sent + 1);
        assertThat(stored("remediation")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("remediation"));
        assertThat(state("remediation").get("state").asText()).isEqualTo("ok");
        assertNoSecretIn(output);
    }

    @Test
    void aTimeoutOrAnUnreadableAnswerFailsOnlyThatCycle(CapturedOutput output) {
        FAKE.add(2, "metrics");
        FAKE.fault(Fault.TIMEOUT);
        cycle("metrics");
        JsonNode status = state("metrics");
        assertThat(status.get("state").asText()).isEqualTo("error");
        SourceTesting.assertError(status, "timeout");
        FAKE.fault(Fault.TRUNCATED);
        cycle("metrics");
        SourceTesting.assertError(state("metrics"), "malformed");
        assertThat(stored("metrics")).isEmpty();
        cycle("metrics");
        assertThat(stored("metrics")).containsExactlyInAnyOrderElementsOf(FAKE.idsFor("metrics"));
        assertThat(state("metrics").get("state").asText()).isEqualTo("ok");
        assertNoSecretIn(output);
    }

    private static List<Request> searches(String tag) {
        return FAKE.searches().stream().filter(r -> ("#" + tag).equals(r.param("q"))).toList();
    }

    private void cycle(String tag) {
        SourceTesting.cycle(camel, tag);
    }

    private List<String> stored(String tag) {
        return SourceTesting.storedIds(jdbc, "twitter", tag);
    }

    private String checkpoint(String tag) {
        return SourceTesting.checkpoint(jdbc, "twitter", tag);
    }

    private JsonNode state(String tag) {
        return SourceTesting.status(port, tag, "twitter");
    }

    /** The credentials' common part, so that one escaped or encoded on its way to the log is caught too. */
    private static void assertNoSecretIn(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("SECRET-twitter");
    }
}
