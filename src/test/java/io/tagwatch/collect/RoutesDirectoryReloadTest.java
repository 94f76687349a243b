package io.tagwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.support.ApiClient;

import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Tags added to, changed in and removed from tagwatch.routes-dir take effect without a restart. */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tagwatch.collect.first-run-delay=100", "tagwatch.collect.period=1s",
                "tagwatch.routes-poll-interval=500ms"})
@ActiveProfiles("demo")
class RoutesDirectoryReloadTest {

    static Path routesDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-reload");
        routesDir = dir.resolve("routes"); // absent at start: the service must not mind
        registry.add("tagwatch.routes-dir", routesDir::toString);
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camel;

    @Test
    void aTagAddedChangedAndRemovedAtRunTime() throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(tags(api)).hasSize(10).doesNotContain("chaosengineering");

        Files.createDirectories(routesDir);
        Path file = routesDir.resolve("my-tags.yaml");
        Files.writeString(file, templatedRoute("ChaosEngineering"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tags(api)).contains("chaosengineering").hasSize(11);
            assertThat(lastSuccess(api, "chaosengineering")).isNotNull(); // its cycle ran
        });

        // a changed file rebuilds the templated routes it makes
        Files.writeString(file, templatedRoute("finops") + templatedRoute("platformengineering"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags(api))
                .contains("finops", "platformengineering").doesNotContain("chaosengineering").hasSize(12));

        Files.delete(file);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags(api))
                .doesNotContain("finops", "platformengineering").hasSize(10));
        assertThat(camel.getRoute("collect-finops")).isNull();

        // the REST routes and the seed tags lived through every reload
        assertThat(api.get("/api/v1/stats/top-users").status()).isEqualTo(200);
        assertThat(camel.getRoute("collect-devops")).isNotNull();

        // a broken file is reported and harms nothing; a tag can come back after it was removed
        Files.writeString(routesDir.resolve("broken.yaml"), "- templatedRoute: [oops");
        Files.writeString(routesDir.resolve("again.yaml"), templatedRoute("finops"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags(api))
                .contains("finops").hasSize(11));
        assertThat(api.get("/api/v1/tags").status()).isEqualTo(200);
    }

    private static List<String> tags(ApiClient api) {
        List<String> tags = new ArrayList<>();
        api.getJson("/api/v1/tags").get("items").forEach(t -> tags.add(t.get("tag").asText()));
        return tags;
    }

    private static String lastSuccess(ApiClient api, String tag) {
        for (JsonNode item : api.getJson("/api/v1/tags").get("items")) {
            if (item.get("tag").asText().equals(tag)) {
                JsonNode at = item.get("sources").get(0).get("last_success_at");
                return at.isNull() ? null : at.asText();
            }
        }
        return null;
    }

    private static String templatedRoute(String tag) {
        return """
                - templatedRoute:
                    routeTemplateRef: collect-tag
                    parameters:
                      - name: tag
                        value: %s
                """.formatted(tag);
    }
}
