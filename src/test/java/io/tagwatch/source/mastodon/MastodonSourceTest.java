package io.tagwatch.source.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.source.SourceGates;
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

/** The Mastodon source against two fake instances that federate the same statuses. */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tagwatch.sources=mastodon", "tagwatch.collect.first-run-delay=3600000", "tagwatch.collect.period=1h",
        "tagwatch.routes-dir=target/no-routes-dir", "tagwatch.upstream.backoff=10ms",
        "tagwatch.upstream.circuit-failures=100", "tagwatch.mastodon.max-pages-per-cycle=3"})
class MastodonSourceTest {

    static final FakeMastodon SOCIAL = new FakeMastodon(113_000_000_000_000_000L);
    static final FakeMastodon HACHYDERM = new FakeMastodon(109_000_000_000_000_000L);
    static final String TOKEN = "fake-mastodon-token-abcdef";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-mastodon");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.mastodon.instances[0].url", SOCIAL::url);
        registry.add("tagwatch.mastodon.instances[1].url", HACHYDERM::url);
        registry.add("tagwatch.mastodon.instances[1].access-token", () -> TOKEN);
    }

    @AfterAll
    static void stopFakes() {
        SOCIAL.close();
        HACHYDERM.close();
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SourceGates gates;
    @LocalServerPort
    int port;

    private static final java.util.concurrent.atomic.AtomicInteger SERIAL = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void reset() {
        gates.resetAll();
    }

    @Test
    void theSameStatusOnTwoInstancesIsOnePostMappedToPlainText() {
        FakeMastodon.Status shared = status("sre", "en", "sre", "devops", "kubernetes");
        SOCIAL.federate(shared);
        HACHYDERM.federate(shared);
        FakeMastodon.Status local = new FakeMastodon.Status("https://hachyderm.example/users/ana/statuses/42",
                Instant.parse("2026-11-20T10:00:00.123Z"),
                "<p>Runbooks &amp; pagers<br>line two <a href=\"x\" class=\"mention hashtag\" rel=\"tag\">#<span>SRE</span></a></p>",
                null, List.of("SRE"), "ana", "https://hachyderm.example", 1520, "Recife - PE");
        HACHYDERM.federate(local);
        cycle("sre");

        assertThat(stored("sre")).containsExactlyInAnyOrder(MastodonStatusMapper.postId(shared.uri()),
                "hachyderm.example:42");
        Map<String, Object> post = jdbc.queryForMap("SELECT text, lang, url FROM post WHERE id = 'hachyderm.example:42'");
        assertThat(post.get("text")).isEqualTo("Runbooks & pagers\nline two #SRE");
        assertThat(post.get("lang")).isEqualTo("und");
        Map<String, Object> author = jdbc.queryForMap("SELECT * FROM author WHERE id = 'ana@hachyderm.example'");
        assertThat(author.get("location")).isEqualTo("Recife - PE");
        assertThat(author.get("country")).isEqualTo("BR");
        assertThat(((Number) author.get("followers")).longValue()).isEqualTo(1520);
        assertThat(jdbc.queryForList("SELECT tag FROM post_tag WHERE post_id = ? ORDER BY tag", String.class,
                MastodonStatusMapper.postId(shared.uri()))).containsExactly("devops", "sre");
        // the hachyderm request carried its token; mastodon.social's did not get one
        assertThat(HACHYDERM.requests().get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(SOCIAL.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void minIdCheckpointsPageForwardPerInstance() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add(federate(SOCIAL, status("observability", "de", "observability")));
        }
        cycle("observability");
        assertThat(stored("observability")).containsExactlyInAnyOrderElementsOf(expected);

        for (int i = 0; i < 95; i++) { // more than one page: 40 + 40 + 15, within three pages
            expected.add(federate(i % 2 == 0 ? SOCIAL : HACHYDERM, status("observability", "de", "observability")));
        }
        cycle("observability");
        assertThat(stored("observability")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.queryForList("SELECT upstream FROM checkpoint WHERE source = 'mastodon' AND tag = 'observability'",
                String.class)).containsExactlyInAnyOrder(SOCIAL.url(), HACHYDERM.url());
        List<io.tagwatch.support.FakeUpstream.Request> social = requests(SOCIAL, "observability");
        assertThat(social.get(1).param("min_id")).isNotNull();
        assertThat(social.get(1).param("limit")).isEqualTo("40");
    }

    @Test
    void aRateLimitedInstanceWaitsAndTheOtherGoesOn() {
        List<String> expected = new ArrayList<>();
        expected.add(federate(SOCIAL, status("oauth", "fr", "oauth")));
        expected.add(federate(HACHYDERM, status("oauth", "fr", "oauth")));
        Instant reset = Instant.now().plusSeconds(2);
        SOCIAL.resetAt(reset);
        SOCIAL.fault(FakeMastodon.Fault.RATE_LIMIT);
        cycle("oauth");
        int socialRequests = requests(SOCIAL, "oauth").size();
        assertThat(stored("oauth")).containsExactly(expected.get(1));
        assertThat(state("oauth").get("state").asText()).isEqualTo("rate_limited"); // one instance is enough
        cycle("oauth");
        assertThat(requests(SOCIAL, "oauth")).hasSize(socialRequests); // nothing sent before the reset

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(reset.plusMillis(500)));
        SOCIAL.fault(FakeMastodon.Fault.SERVER_ERROR, FakeMastodon.Fault.TRUNCATED);
        cycle("oauth");
        assertThat(stored("oauth")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void instancesThatWantALoginAreUnauthorizedNotAnErrorStorm() {
        federate(SOCIAL, status("opentracing", "en", "opentracing"));
        SOCIAL.requireLogin(422, null);
        HACHYDERM.requireLogin(401, "another-token");
        try {
            cycle("opentracing");
            JsonNode state = state("opentracing");
            assertThat(state.get("state").asText()).isEqualTo("unauthorized");
            SourceTesting.assertError(state, "unauthorized");
            int sent = SOCIAL.requests().size() + HACHYDERM.requests().size();
            cycle("opentracing");
            cycle("opentracing");
            assertThat(SOCIAL.requests().size() + HACHYDERM.requests().size()).isEqualTo(sent);
            assertThat(stored("opentracing")).isEmpty();
        } finally {
            SOCIAL.requireLogin(0, null);
            HACHYDERM.requireLogin(0, null);
        }
    }

    private String federate(FakeMastodon instance, FakeMastodon.Status status) {
        instance.federate(status);
        return MastodonStatusMapper.postId(status.uri());
    }

    private FakeMastodon.Status status(String tag, String language, String... tags) {
        int serial = SERIAL.incrementAndGet();
        return new FakeMastodon.Status("https://origin" + (serial % 3) + ".example/users/u" + serial + "/statuses/"
                + (500 + serial), Instant.parse("2026-11-19T00:00:00Z").plusSeconds(serial * 60L),
                "<p>post " + serial + " about #" + tag + "</p>", language, List.of(tags), "u" + serial,
                "https://origin" + (serial % 3) + ".example", serial * 10L, serial % 2 == 0 ? "Berlin" : null);
    }

    private static List<io.tagwatch.support.FakeUpstream.Request> requests(FakeMastodon instance, String tag) {
        return instance.requests().stream().filter(r -> r.path().endsWith("/" + tag)).toList();
    }

    private void cycle(String tag) {
        SourceTesting.cycle(camel, tag);
    }

    private List<String> stored(String tag) {
        return SourceTesting.storedIds(jdbc, "mastodon", tag);
    }

    private JsonNode state(String tag) {
        return SourceTesting.status(port, tag, "mastodon");
    }
}
