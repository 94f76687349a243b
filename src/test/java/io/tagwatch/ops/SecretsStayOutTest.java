package io.tagwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.tagwatch.support.ApiClient;
import io.tagwatch.support.FakeUpstream;
import io.tagwatch.support.FakeUpstream.Reply;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service runs with known fake secrets against upstreams that refuse them, and none of the secrets
 * shows up in any log line, in /metrics, in the API's states or in an error body.
 */
@DirtiesContext
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tagwatch.sources=x,mastodon", "tagwatch.collect.first-run-delay=3600000",
        "tagwatch.routes-dir=target/no-routes-dir", "tagwatch.upstream.backoff=10ms",
        "logging.level.io.tagwatch=DEBUG", "logging.level.org.apache.camel=DEBUG"})
class SecretsStayOutTest {

    static final String X_KEY = "SECRET-x-api-key-1f2e3d";
    static final String X_KEY_SECRET = "SECRET-x-api-key-secret-9a8b7c";
    static final String MASTODON_TOKEN = "SECRET-mastodon-token-5e6f7a";
    static final String ADMIN_TOKEN = "SECRET-admin-token-0c1d2e-4f5a6b7c8d9e0f1a";
    static final String ISSUED_BEARER = "SECRET-issued-bearer-77aa";
    static final List<String> SECRETS = List.of(X_KEY, X_KEY_SECRET, MASTODON_TOKEN, ADMIN_TOKEN,
            "SECRET-bluesky-password-3b4c5d", ISSUED_BEARER);
    static final FakeUpstream UPSTREAM = new FakeUpstream();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-secrets");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.x.base-url", UPSTREAM::baseUrl);
        registry.add("tagwatch.x.api-key", () -> X_KEY);
        registry.add("tagwatch.x.api-key-secret", () -> X_KEY_SECRET);
        registry.add("tagwatch.x.bearer-token", () -> "");
        registry.add("tagwatch.mastodon.instances[0].url", UPSTREAM::baseUrl);
        registry.add("tagwatch.mastodon.instances[0].access-token", () -> MASTODON_TOKEN);
        registry.add("tagwatch.bluesky.handle", () -> "someone.bsky.social");
        registry.add("tagwatch.bluesky.app-password", () -> "SECRET-bluesky-password-3b4c5d");
        registry.add("tagwatch.admin-token", () -> ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        UPSTREAM.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ProducerTemplate camel;

    @Test
    void noSecretAppearsInLogsMetricsStatesOrErrors(CapturedOutput output) {
        UPSTREAM.answer(request -> request.path().equals("/oauth2/token")
                ? Reply.json(200, "{\"token_type\":\"bearer\",\"access_token\":\"" + ISSUED_BEARER + "\"}")
                : Reply.json(401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                        + "\"detail\":\"Unauthorized\",\"error\":\"The access token is invalid\"}"));
        camel.send("direct:collect-cycle", e -> e.getMessage().setHeader("tag", "sre"));

        ApiClient api = new ApiClient(port);
        List<String> answers = new ArrayList<>();
        answers.add(api.get("/api/v1/tags").body());
        answers.add(api.get("/metrics").body());
        answers.add(api.post("/api/v1/collect", "Authorization", "Bearer " + ADMIN_TOKEN + "x").body());
        answers.add(api.post("/api/v1/collect", "Authorization", "Bearer " + X_KEY).body());
        answers.add(api.get("/api/v1/stats/top-users?limit=" + ADMIN_TOKEN).body());
        answers.add(api.get("/api/v1/posts?cursor=" + MASTODON_TOKEN).body());
        answers.add(api.get("/health").body());

        assertThat(answers.get(0)).contains("unauthorized"); // the refusals did happen
        // the secrets did reach the upstream, so their absence below means something
        assertThat(UPSTREAM.requests()).anySatisfy(r -> assertThat(r.header("Authorization")).contains(
                java.util.Base64.getEncoder().encodeToString((X_KEY + ":" + X_KEY_SECRET).getBytes())));
        assertThat(UPSTREAM.requests()).anySatisfy(r -> assertThat(r.header("Authorization"))
                .isEqualTo("Bearer " + MASTODON_TOKEN));

        List<String> everything = new ArrayList<>(answers);
        everything.add(output.getAll());
        for (String text : everything) {
            for (String secret : SECRETS) {
                assertThat(text).doesNotContain(secret);
            }
        }
        assertThat(output.getAll()).contains("\"message\":\"Collected tag=sre source=x");
    }
}
