package io.tagwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.support.ApiClient;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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

/**
 * Tags added to, changed in and removed from tagwatch.routes-dir take effect without a restart; a file
 * that holds anything but tags is refused whole, with one ERROR line naming it and the reason.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tagwatch.collect.first-run-delay=100", "tagwatch.collect.period=1s",
                "tagwatch.routes-poll-interval=500ms", "tagwatch.admin-token=" + RoutesDirectoryReloadTest.ADMIN_TOKEN})
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class RoutesDirectoryReloadTest {

    static final String ADMIN_TOKEN = "routes-test-admin-token-0123456789abcdef";
    static Path routesDir;
    int routesBefore;

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

    @BeforeEach
    void countRoutes() {
        routesBefore = camel.getRoutes().size();
    }

    @Test
    void aTagAddedChangedAndRemovedAtRunTime() throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(tags(api)).hasSize(10).doesNotContain("chaosengineering");
        // one quartz route per tag, named after it: tags.yaml is not also loaded as a route file
        assertThat(camel.getRoutes().stream().filter(r -> r.getEndpoint().getEndpointUri().startsWith("quartz:")))
                .extracting(org.apache.camel.Route::getRouteId).hasSize(10).allMatch(id -> id.startsWith("collect-"));

        Files.createDirectories(routesDir);
        Path file = routesDir.resolve("my-tags.yaml");
        Files.writeString(file, templatedRoute("ChaosEngineering"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tags(api)).contains("chaosengineering").hasSize(11);
            assertThat(lastSuccess(api, "chaosengineering")).isNotNull(); // its cycle ran
        });
        // where each tag is defined: the file's name, never where it is on the host
        assertThat(definedIn(api, "chaosengineering")).isEqualTo("routes_dir my-tags.yaml");
        assertThat(definedIn(api, "devops")).isEqualTo("bundled tags.yaml");
        assertThat(api.get("/api/v1/tags").body()).doesNotContain(routesDir.getParent().toString())
                .doesNotContain("routes/");

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

    @Test
    void aFileHoldingAnythingButTagsIsRefusedWholeAndRunsNothing(CapturedOutput output) throws Exception {
        ApiClient api = new ApiClient(port);
        Files.createDirectories(routesDir);
        Path marker = routesDir.getParent().resolve("written-by-a-route-file");
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("writes-files.yaml", """
                - route:
                    from:
                      uri: timer:x?delay=0&repeatCount=1
                      steps:
                        - setBody: { constant: owned }
                        - to: file:%s?fileName=%s
                """.formatted(marker.getParent(), marker.getFileName()));
        hostile.put("with-beans.yaml", """
                - beans:
                    - name: evil
                      type: java.lang.ProcessBuilder
                """ + templatedRoute("beansneighbour"));
        hostile.put("templated-beans.yaml", """
                - templatedRoute:
                    routeTemplateRef: collect-tag
                    beans:
                      - name: x
                        type: groovy
                        scriptLanguage: groovy
                        script: "new File('%s').text = 'owned'"
                    parameters:
                      - name: tag
                        value: groovytag
                """.formatted(marker));
        hostile.put("route-id.yaml", """
                - templatedRoute:
                    routeTemplateRef: collect-tag
                    routeId: api-top-users
                    parameters:
                      - name: tag
                        value: renamed
                """);
        hostile.put("other-template.yaml", """
                - templatedRoute:
                    routeTemplateRef: api
                    parameters:
                      - name: tag
                        value: other
                """);
        hostile.put("placeholder.yaml", templatedRoute("\"{{tagwatch.admin-token}}\""));
        hostile.put("two-parameters.yaml", """
                - templatedRoute:
                    routeTemplateRef: collect-tag
                    parameters:
                      - name: tag
                        value: twoparams
                      - name: periodMillis
                        value: 1
                """);
        hostile.put("good-and-bad.yaml", templatedRoute("goodneighbour") + templatedRoute("bad-tag!"));
        hostile.put("yaml-tags.yaml", "- !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
        hostile.put("aliases.yaml", "- &a [x, x]\n- &b [*a, *a]\n");
        hostile.put("seed-again.yaml", templatedRoute("devops"));
        for (Map.Entry<String, String> file : hostile.entrySet()) {
            Files.writeString(routesDir.resolve(file.getKey()), file.getValue());
        }
        int tagsBefore = tags(api).size();
        Files.writeString(routesDir.resolve("fine.yaml"), templatedRoute("\"#PlatformOps\""));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(tags(api)).contains("platformops");
            for (String file : hostile.keySet()) {
                assertThat(output.getOut()).as(file).containsPattern("\"log\":\\{\"level\":\"ERROR\"[^\\n]*Tag file "
                        + java.util.regex.Pattern.quote(file) + " refused");
            }
        });
        // loaded in the same scan, a route file's timer (delay 0) would have fired before this tag's first cycle
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(lastSuccess(api, "platformops")).isNotNull());
        assertThat(marker).doesNotExist();
        assertThat(tags(api)).doesNotContain("beansneighbour", "groovytag", "renamed", "other", "twoparams",
                "goodneighbour").hasSize(tagsBefore + 1);
        assertThat(camel.getRoutes()).hasSize(routesBefore + 1);
        assertThat(output.getOut()).doesNotContain(ADMIN_TOKEN);
        for (String file : hostile.keySet()) {
            Files.delete(routesDir.resolve(file));
        }
        Files.delete(routesDir.resolve("fine.yaml"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags(api)).hasSize(tagsBefore));
    }

    @Test
    void aFileRefusedForATagAnotherFileHoldsIsReadAgainWhenThatFileGoes() throws Exception {
        ApiClient api = new ApiClient(port);
        Files.createDirectories(routesDir);
        int tagsBefore = tags(api).size();
        Files.writeString(routesDir.resolve("a-first.yaml"), templatedRoute("sharedtag"));
        Files.writeString(routesDir.resolve("b-second.yaml"), templatedRoute("sharedtag") + templatedRoute("ownedbyb"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags(api))
                .contains("sharedtag").doesNotContain("ownedbyb").hasSize(tagsBefore + 1));

        Files.delete(routesDir.resolve("a-first.yaml"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags(api))
                .contains("sharedtag", "ownedbyb").hasSize(tagsBefore + 2));
        Files.delete(routesDir.resolve("b-second.yaml"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tags(api)).hasSize(tagsBefore));
    }

    private static List<String> tags(ApiClient api) {
        List<String> tags = new ArrayList<>();
        api.getJson("/api/v1/tags").get("items").forEach(t -> tags.add(t.get("tag").asText()));
        return tags;
    }

    private static String definedIn(ApiClient api, String tag) {
        for (JsonNode item : api.getJson("/api/v1/tags").get("items")) {
            if (item.get("tag").asText().equals(tag)) {
                return item.get("defined_in").get("kind").asText() + " " + item.get("defined_in").get("file").asText();
            }
        }
        return null;
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
