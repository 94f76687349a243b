package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.support.ApiClient;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The OpenAPI document the running service serves is a contract a client can be generated from: its
 * server and paths make the real URLs, every parameter is declared with its type and range, and what it
 * declares is what the API does. It is written to target/openapi.json, which run-tests.sh lints with
 * Redocly's recommended rules.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tagwatch.collect.first-run-delay=100", "tagwatch.routes-dir=target/no-routes-dir",
                "tagwatch.admin-token=openapi-test-admin-token-0123456789abcdef"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-openapi");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @LocalServerPort
    int port;

    ApiClient api;
    JsonNode document;

    @BeforeAll
    void fetch() throws Exception {
        api = new ApiClient(port);
        ApiClient.Response answer = api.get("/api/v1/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        document = answer.json();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), answer.body());
    }

    @Test
    void itDescribesTheApiAndWhereItIs() {
        JsonNode info = document.get("info");
        assertThat(info.get("title").asText()).isEqualTo("tagwatch");
        assertThat(info.get("version").asText()).isEqualTo("v1");
        assertThat(info.get("description").asText()).isNotBlank();
        assertThat(info.get("license").get("name").asText()).isNotBlank();
        assertThat(document.get("servers").get(0).get("url").asText()).isEqualTo("/api");
    }

    /** servers[0].url + each GET path without path parameters, required parameters set to their examples. */
    @Test
    void everyGetPathUnderTheServerUrlAnswers200() {
        String server = document.get("servers").get(0).get("url").asText();
        List<String> called = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> {
            JsonNode get = path.getValue().get("get");
            if (get == null || path.getKey().contains("{")) {
                return;
            }
            StringBuilder query = new StringBuilder();
            for (JsonNode parameter : get.path("parameters")) {
                if (parameter.path("required").asBoolean()) {
                    String example = parameter.path("examples").path("example").path("value").asText();
                    query.append(query.isEmpty() ? "?" : "&").append(parameter.get("name").asText()).append('=')
                            .append(URLEncoder.encode(example, StandardCharsets.UTF_8));
                }
            }
            String url = server + path.getKey() + query;
            assertThat(api.get(url).status()).as(url).isEqualTo(200);
            called.add(url);
        });
        assertThat(called).contains("/api/v1/stats/top-users", "/api/v1/tags", "/api/statistics/tweets")
                .anyMatch(url -> url.startsWith("/api/v1/geo/resolve?location="));
    }

    @Test
    void everyOperationHasAnIdASummaryAndSaysWhoMayCallIt() {
        Set<String> ids = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(verb -> {
            JsonNode operation = verb.getValue();
            assertThat(ids.add(operation.get("operationId").asText())).as("unique id").isTrue();
            assertThat(operation.get("summary").asText()).as(path.getKey()).isNotBlank();
            JsonNode security = operation.get("security");
            if (verb.getKey().equals("get")) {
                assertThat(security.isArray() && security.isEmpty()).as("public " + path.getKey()).isTrue();
            } else {
                assertThat(security.get(0).has("adminToken")).as(path.getKey()).isTrue();
            }
        }));
        JsonNode scheme = document.get("components").get("securitySchemes").get("adminToken");
        assertThat(scheme.get("type").asText()).isEqualTo("http");
        assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void theSummariesAndPostsDeclareEveryParameterWithItsType() {
        Map<String, List<String>> expected = Map.of(
                "/v1/stats/top-users", List.of("limit", "tag", "source", "from", "to"),
                "/v1/stats/posts-by-hour", List.of("tz", "tag", "source", "from", "to"),
                "/v1/stats/posts-by-tag", List.of("by", "tag", "source", "from", "to"),
                "/v1/stats/timeline", List.of("bucket", "tz", "tag", "source", "from", "to"),
                "/v1/posts", List.of("limit", "cursor", "tag", "source", "from", "to", "lang", "country", "q"),
                "/v1/posts/export", List.of("format", "tag", "source", "from", "to", "lang", "country", "q"));
        expected.forEach((path, names) -> {
            List<String> declared = new ArrayList<>();
            for (JsonNode parameter : document.get("paths").get(path).get("get").get("parameters")) {
                declared.add(parameter.get("name").asText());
                assertThat(parameter.get("schema").get("type").asText()).as(path + " " + parameter).isNotBlank();
                assertThat(parameter.get("in").asText()).isEqualTo("query");
                assertThat(parameter.get("required").asBoolean()).as(path + " " + parameter).isFalse();
            }
            assertThat(declared).as(path).containsExactlyInAnyOrderElementsOf(names);
        });
        JsonNode by = parameter("/v1/stats/posts-by-tag", "by");
        assertThat(by.get("schema").get("enum")).extracting(JsonNode::asText).containsExactly("language", "country");
        JsonNode problem = document.get("paths").get("/v1/stats/timeline").get("get").get("responses").get("400");
        assertThat(problem.get("content").has("application/problem+json")).isTrue();
    }

    /** The export's answer is a file in either format, its refusals problems, a 429 with Retry-After. */
    @Test
    void theExportAndTheNewFieldsAreDeclared() {
        JsonNode responses = document.get("paths").get("/v1/posts/export").get("get").get("responses");
        assertThat(responses.get("200").get("content").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("text/csv", "application/x-ndjson");
        assertThat(responses.get("200").get("headers").has("Content-Disposition")).isTrue();
        assertThat(responses.get("429").get("headers").get("Retry-After").get("schema").get("type").asText())
                .isEqualTo("integer");
        for (String code : List.of("400", "404", "429", "503")) {
            assertThat(responses.get(code).get("content").fieldNames()).toIterable().as(code)
                    .containsExactly("application/problem+json");
        }
        assertThat(parameter("/v1/posts/export", "format").get("schema").get("enum")).extracting(JsonNode::asText)
                .containsExactly("csv", "ndjson");
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.get("AuthorView").get("properties").has("profile_url")).isTrue();
        assertThat(schemas.get("TagView").get("properties").has("defined_in")).isTrue();
        assertThat(schemas.get("DefinedIn").get("properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("kind", "file");
    }

    /** What the document says of a parameter is what the API does with it. */
    @Test
    void declaredRangesAndDefaultsAreWhatTheApiEnforces() {
        for (String[] pathAndItems : new String[][] {{"/v1/stats/top-users", "items"}, {"/v1/posts", "items"}}) {
            JsonNode limit = parameter(pathAndItems[0], "limit").get("schema");
            int min = limit.get("minimum").asInt();
            int max = limit.get("maximum").asInt();
            String url = "/api" + pathAndItems[0] + "?limit=";
            assertThat(api.get(url + (min - 1)).status()).as(url + (min - 1)).isEqualTo(400);
            assertThat(api.get(url + (max + 1)).status()).as(url + (max + 1)).isEqualTo(400);
            assertThat(api.get(url + max).status()).isEqualTo(200);
            assertThat(api.getJson("/api" + pathAndItems[0]).get(pathAndItems[1]))
                    .as("default limit of " + pathAndItems[0]).hasSize(limit.get("default").asInt());
        }
        for (JsonNode value : parameter("/v1/stats/posts-by-tag", "by").get("schema").get("enum")) {
            assertThat(api.get("/api/v1/stats/posts-by-tag?by=" + value.asText()).status()).isEqualTo(200);
        }
        assertThat(api.get("/api/v1/stats/posts-by-tag?by=colour").status()).isEqualTo(400);
    }

    /** Camel copies query parameters and HTTP headers into one map: a header must not pass for a parameter. */
    @Test
    void aHeaderNamedLikeAParameterIsNotOne() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/stats/top-users")).header("limit", "0")
                .header("tag", "nosuchtag").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new ApiClient.Response(200, "", answer.body()).json().get("items")).hasSize(5);
    }

    /** Swagger UI, from the service's own jar. */
    @Test
    void swaggerUiIsServedWithoutACdn() {
        ApiClient.Response page = api.get("/docs/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui").doesNotContain("://");
        assertThat(api.get("/webjars/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(api.get("/docs/start.js").body()).contains("/api/v1/openapi.json");
    }

    private JsonNode parameter(String path, String name) {
        for (JsonNode parameter : document.get("paths").get(path).get("get").get("parameters")) {
            if (parameter.get("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " on " + path);
    }
}
