package io.tagwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.support.SourceTesting;
import io.tagwatch.support.ApiClient;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The default sources with no credentials and no network (the Mastodon instance is a closed local
 * port): the service starts, serves, and says what each source is doing.
 */
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tagwatch.collect.first-run-delay=3600000", "tagwatch.routes-dir=target/no-routes-dir",
        "tagwatch.x.bearer-token=", "tagwatch.x.api-key=", "tagwatch.x.api-key-secret=",
        "tagwatch.upstream.backoff=10ms", "tagwatch.mastodon.instances[0].url=http://127.0.0.1:9"})
class OfflineStartTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-offline");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    ProducerTemplate camel;

    @Test
    void startsServesAndShowsEachSourcesState() {
        ApiClient api = new ApiClient(port);
        assertThat(api.getJson("/health/readiness").get("status").asText()).isEqualTo("UP");
        camel.send("direct:collect-cycle", e -> e.getMessage().setHeader("tag", "sre"));

        JsonNode sources = null;
        for (JsonNode item : api.getJson("/api/v1/tags").get("items")) {
            if (item.get("tag").asText().equals("sre")) {
                sources = item.get("sources");
            }
        }
        assertThat(sources).hasSize(2);
        assertThat(sources.get(0).get("source").asText()).isEqualTo("x");
        assertThat(sources.get(0).get("state").asText()).isEqualTo("disabled");
        assertThat(sources.get(0).get("last_error_category").asText()).isEqualTo("disabled");
        assertThat(sources.get(0).get("last_error").asText()).contains("X_BEARER_TOKEN");
        assertThat(sources.get(1).get("source").asText()).isEqualTo("mastodon");
        assertThat(sources.get(1).get("state").asText()).isEqualTo("error");
        SourceTesting.assertError(sources.get(1), "server_error");
        assertThat(api.get("/api/v1/stats/top-users").status()).isEqualTo(200);
    }
}
