package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tagwatch.geo.CountryResolver;
import io.tagwatch.support.ApiClient;
import io.tagwatch.support.DemoDataset;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The demo profile end to end: the bundled pages pass through the real routes into the database, and
 * every summary the API gives equals one computed here from the JSON pages alone. Subclasses run it
 * on SQLite and on PostgreSQL.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tagwatch.collect.first-run-delay=100", "tagwatch.routes-dir=target/no-routes-dir"})
@ActiveProfiles("demo")
@AutoConfigureObservability // Spring Boot turns the Prometheus endpoint off in tests unless asked
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DemoApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CountryResolver countries;

    ApiClient api;
    DemoDataset demo;

    @BeforeAll
    void waitForTheWholeDataset() {
        api = new ApiClient(port);
        demo = DemoDataset.load();
        assertThat(demo.posts).hasSizeGreaterThanOrEqualTo(5000);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM post", Long.class) == demo.posts.size()
                        && jdbc.queryForObject("SELECT COUNT(*) FROM post_tag", Long.class) == tagLinks());
    }

    private long tagLinks() {
        return demo.posts.values().stream().mapToLong(p -> p.tags().size()).sum();
    }

    private String country(String authorId) {
        String country = countries.resolve(demo.authors.get(authorId).location());
        return country == null ? "ZZ" : country;
    }

    @Test
    void requestHeadersAreNotEchoedIntoTheResponse() throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/v1/stats/top-users")).header("Cache-Control", "x".repeat(9000))
                        .header("X-Anything", "echo").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).isEmpty();
        assertThat(answer.headers().firstValue("X-Anything")).isEmpty();
    }

    @Test
    void theSummaryCountsEqualThePosts() {
        assertThat(io.tagwatch.support.SummaryCounts.mismatches(jdbc)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT SUM(posts) FROM posts_per_quarter", Long.class))
                .isEqualTo(demo.posts.size());
    }

    @Test
    void topUsersAreTheMostFollowedAuthorsByNewestCount() {
        for (int limit : new int[] {5, 100}) {
            ArrayNode expected = JSON.createArrayNode();
            demo.authors.values().stream()
                    .sorted(Comparator.comparingLong(DemoDataset.Author::followers).reversed()
                            .thenComparing(DemoDataset.Author::username))
                    .limit(limit)
                    .forEach(a -> expected.add(authorJson(a)));
            assertThat(api.getJson("/api/v1/stats/top-users?limit=" + limit).get("items")).isEqualTo(reparsed(expected));
        }
        assertThat(api.getJson("/api/v1/stats/top-users").get("items")).hasSize(5);
    }

    @Test
    void topUsersFilteredByTagAndTime() {
        Instant from = Instant.parse("2026-11-15T00:00:00Z");
        Instant to = Instant.parse("2026-11-17T12:00:00Z");
        Set<String> authors = demo.posts.values().stream()
                .filter(p -> p.tags().contains("sre") && !p.createdAt().isBefore(from) && p.createdAt().isBefore(to))
                .map(DemoDataset.Post::authorId).collect(Collectors.toSet());
        ArrayNode expected = JSON.createArrayNode();
        authors.stream().map(demo.authors::get)
                .sorted(Comparator.comparingLong(DemoDataset.Author::followers).reversed()
                        .thenComparing(DemoDataset.Author::username))
                .limit(20).forEach(a -> expected.add(authorJson(a)));
        assertThat(api.getJson("/api/v1/stats/top-users?limit=20&tag=SRE&from=" + from + "&to=" + to)
                .get("items")).isEqualTo(reparsed(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Asia/Kolkata", "America/New_York", "Asia/Kathmandu"})
    void postsByHourCountEachPostOnceInTheZone(String tz) {
        long[] hours = new long[24];
        demo.posts.values().forEach(p -> hours[p.createdAt().atZone(ZoneId.of(tz)).getHour()]++);
        JsonNode answer = api.getJson("/api/v1/stats/posts-by-hour?tz=" + tz);
        assertThat(answer.get("tz").asText()).isEqualTo(tz);
        assertThat(answer.get("total").asLong()).isEqualTo(demo.posts.size());
        assertThat(answer.get("items")).isEqualTo(reparsed(hourItems(hours)));
    }

    @Test
    void postsByHourForOneTagCountsThatTagsPosts() {
        long[] hours = new long[24];
        demo.posts.values().stream().filter(p -> p.tags().contains("devops"))
                .forEach(p -> hours[p.createdAt().atZone(ZoneId.of("Asia/Kolkata")).getHour()]++);
        assertThat(api.getJson("/api/v1/stats/posts-by-hour?tz=Asia/Kolkata&tag=devops").get("items"))
                .isEqualTo(reparsed(hourItems(hours)));
    }

    @Test
    void postsByTagByLanguageAndByCountry() {
        for (String by : List.of("language", "country")) {
            JsonNode answer = api.getJson("/api/v1/stats/posts-by-tag?by=" + by);
            assertThat(answer.get("by").asText()).isEqualTo(by);
            assertThat(answer.get("items")).isEqualTo(expectedPostsByTag(by, p -> true));
        }
    }

    /**
     * Summaries read whole quarter hours and days from count tables and the partial ones at the ends
     * of a range from the posts: ranges cut anywhere must still count exactly the posts inside.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2026-11-14T06:07:13.500Z/2026-11-19T18:31:02Z", "2026-11-15T00:00:00Z/2026-11-17T00:00:00Z",
        "2026-11-16T10:03:00Z/2026-11-16T10:14:59.999Z", "2026-11-16T10:03:00Z/2026-11-16T23:59:00Z",
        "2026-11-13T21:45:00Z/2026-11-16T10:00:00.001Z"})
    void summariesOverRangesCutAnywhere(String range) {
        Instant from = Instant.parse(range.split("/")[0]);
        Instant to = Instant.parse(range.split("/")[1]);
        java.util.function.Predicate<DemoDataset.Post> inRange = p -> !p.createdAt().isBefore(from)
                && p.createdAt().isBefore(to);
        assertThat(demo.posts.values().stream().filter(inRange).count()).isPositive();
        String window = "from=" + from + "&to=" + to;
        for (String by : List.of("language", "country")) {
            assertThat(api.getJson("/api/v1/stats/posts-by-tag?source=demo&by=" + by + "&" + window).get("items"))
                    .as("%s by %s", range, by).isEqualTo(expectedPostsByTag(by, inRange));
        }
        long[] hours = new long[24];
        demo.posts.values().stream().filter(inRange).filter(p -> p.tags().contains("sre"))
                .forEach(p -> hours[p.createdAt().atZone(ZoneId.of("Asia/Kathmandu")).getHour()]++);
        assertThat(api.getJson("/api/v1/stats/posts-by-hour?tz=Asia/Kathmandu&tag=sre&" + window).get("items"))
                .as(range).isEqualTo(reparsed(hourItems(hours)));
        long inside = demo.posts.values().stream().filter(inRange).count();
        assertThat(api.getJson("/api/v1/stats/posts-by-hour?source=demo&" + window).get("total").asLong())
                .as(range).isEqualTo(inside);
        long timelineTotal = 0;
        for (JsonNode bucket : api.getJson("/api/v1/stats/timeline?bucket=day&" + window).get("items")) {
            timelineTotal += bucket.get("posts").asLong();
        }
        assertThat(timelineTotal).as(range).isEqualTo(inside);
    }

    private JsonNode expectedPostsByTag(String by, java.util.function.Predicate<DemoDataset.Post> filter) {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (DemoDataset.Post p : demo.posts.values()) {
            if (!filter.test(p)) {
                continue;
            }
            String value = by.equals("language") ? p.lang() : country(p.authorId());
            for (String tag : p.tags()) {
                counts.computeIfAbsent(tag, k -> new HashMap<>()).merge(value, 1L, Long::sum);
            }
        }
        ArrayNode expected = JSON.createArrayNode();
        counts.forEach((tag, values) -> values.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> expected.add(JSON.createObjectNode().put("tag", tag).put("value", e.getKey())
                        .put("posts", e.getValue()))));
        return reparsed(expected);
    }

    @Test
    void timelineByDayInAHalfHourZoneAndByHour() {
        ZoneId zone = ZoneId.of("Asia/Kolkata");
        TreeMap<Instant, Long> days = new TreeMap<>();
        demo.posts.values().forEach(p -> days.merge(
                p.createdAt().atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant(), 1L, Long::sum));
        ArrayNode expected = JSON.createArrayNode();
        days.forEach((start, posts) -> expected.add(JSON.createObjectNode().put("start", start.toString())
                .put("posts", posts)));
        assertThat(api.getJson("/api/v1/stats/timeline?bucket=day&tz=Asia/Kolkata").get("items"))
                .isEqualTo(reparsed(expected));

        JsonNode hours = api.getJson("/api/v1/stats/timeline?bucket=hour").get("items");
        long total = 0;
        for (JsonNode bucket : hours) {
            Instant start = Instant.parse(bucket.get("start").asText());
            long expectedPosts = demo.posts.values().stream()
                    .filter(p -> p.createdAt().truncatedTo(ChronoUnit.HOURS).equals(start)).count();
            assertThat(bucket.get("posts").asLong()).as("posts in hour %s", start).isEqualTo(expectedPosts);
            total += expectedPosts;
        }
        assertThat(total).isEqualTo(demo.posts.size());
    }

    @Test
    void aRangeOfUpToTenThousandBucketsIsAnsweredWhole() {
        // 26 years in days: 9,497 buckets, of which the demo's week has posts
        JsonNode days = api.getJson("/api/v1/stats/timeline?bucket=day&from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        assertThat(days.has("truncated")).isFalse();
        // 9,744 hours
        JsonNode hours = api.getJson("/api/v1/stats/timeline?from=2025-11-20T00:00:00Z&to=2026-12-31T00:00:00Z");
        assertThat(hours.has("truncated")).isFalse();
        assertThat(hours.get("items").size()).isPositive();
    }

    @Test
    void pagingThroughAllPostsGivesEachPostOnceNewestFirst() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.getJson("/api/v1/posts?limit=200" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode post : page.get("items")) {
                DemoDataset.Post expected = demo.posts.get(post.get("id").asText());
                assertThat(expected).as("post %s", post.get("id")).isNotNull();
                assertThat(post.get("created_at").asText()).isEqualTo(expected.createdAt().toString());
                assertThat(post.get("lang").asText()).isEqualTo(expected.lang());
                assertThat(JSON.convertValue(post.get("tags"), List.class)).isEqualTo(List.copyOf(expected.tags()));
                assertThat(post.get("author")).isEqualTo(reparsed(authorJson(demo.authors.get(expected.authorId()))));
                seen.add(post.get("id").asText());
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        List<String> expectedOrder = demo.posts.values().stream()
                .sorted(Comparator.comparing(DemoDataset.Post::createdAt).thenComparing(DemoDataset.Post::id)
                        .reversed())
                .map(DemoDataset.Post::id).toList();
        assertThat(seen).isEqualTo(expectedOrder);
    }

    @Test
    void postsFilteredByLangCountryTagAndTime() {
        Instant from = Instant.parse("2026-11-14T06:00:00Z");
        Instant to = Instant.parse("2026-11-19T18:30:00Z");
        String country = country(demo.authors.values().stream().filter(a -> a.location() != null)
                .filter(a -> !country(a.id()).equals("ZZ")).findFirst().orElseThrow().id());
        for (String query : List.of("lang=en", "country=" + country, "country=ZZ", "tag=microservices&lang=es",
                "from=" + from + "&to=" + to)) {
            Set<String> expected = demo.posts.values().stream().filter(p -> switch (query) {
                case "lang=en" -> p.lang().equals("en");
                case "country=ZZ" -> country(p.authorId()).equals("ZZ");
                case "tag=microservices&lang=es" -> p.tags().contains("microservices") && p.lang().equals("es");
                default -> query.startsWith("country=") ? country(p.authorId()).equals(country)
                        : !p.createdAt().isBefore(from) && p.createdAt().isBefore(to);
            }).map(DemoDataset.Post::id).collect(Collectors.toSet());
            assertThat(expected).as(query).isNotEmpty();
            assertThat(allPostIds("/api/v1/posts?limit=97&" + query)).as(query)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void onePostAndTheSeedServicesRoutes() {
        DemoDataset.Post post = demo.postsList().get(0);
        JsonNode one = api.getJson("/api/v1/posts/demo/" + post.id());
        assertThat(one.get("id").asText()).isEqualTo(post.id());
        assertThat(api.getJson("/api/read/tweet/" + post.id())).isEqualTo(one);
        assertThat(api.get("/api/v1/posts/demo/1").status()).isEqualTo(404);

        assertThat(api.getJson("/api/statistics/users"))
                .isEqualTo(api.getJson("/api/v1/stats/top-users").get("items"));
        assertThat(api.getJson("/api/statistics/tweets"))
                .isEqualTo(api.getJson("/api/v1/stats/timeline?bucket=hour").get("items"));
        JsonNode hashtag = api.getJson("/api/read/hashtag/DevOps");
        assertThat(hashtag).hasSize(100);
        hashtag.forEach(p -> assertThat(p.get("tags").toString()).contains("\"devops\""));
    }

    /** GET /api/v1/tags sums the all-time counts per tag and language, rather than counting every post_tag row. */
    @Test
    void tagPostCountsComeFromTheCountTables() {
        String lang = jdbc.queryForObject("SELECT MIN(lang) FROM tag_posts_by_lang WHERE tag = 'sre'", String.class);
        jdbc.update("UPDATE tag_posts_by_lang SET posts = posts + 1000 WHERE tag = 'sre' AND lang = ?", lang);
        try {
            long expected = demo.posts.values().stream().filter(p -> p.tags().contains("sre")).count() + 1000;
            JsonNode sre = null;
            for (JsonNode item : api.getJson("/api/v1/tags").get("items")) {
                sre = item.get("tag").asText().equals("sre") ? item : sre;
            }
            assertThat(sre.get("posts").asLong()).isEqualTo(expected);
        } finally {
            jdbc.update("UPDATE tag_posts_by_lang SET posts = posts - 1000 WHERE tag = 'sre' AND lang = ?", lang);
        }
    }

    @Test
    void tagsListTheSeedTagsWithTheirPostsAndSourceState() {
        JsonNode items = api.getJson("/api/v1/tags").get("items");
        Map<String, Long> expected = new TreeMap<>();
        DemoDataset.SEED_TAGS.forEach(t -> expected.put(t, demo.posts.values().stream()
                .filter(p -> p.tags().contains(t)).count()));
        Map<String, Long> answered = new TreeMap<>();
        for (JsonNode item : items) {
            answered.put(item.get("tag").asText(), item.get("posts").asLong());
            JsonNode source = item.get("sources").get(0);
            assertThat(source.get("source").asText()).isEqualTo("demo");
            assertThat(source.get("state").asText()).isEqualTo("ok");
            assertThat(Instant.parse(source.get("last_success_at").asText())).isBefore(Instant.now());
            assertThat(Instant.parse(source.get("next_run_at").asText())).isAfter(Instant.now());
        }
        assertThat(answered).isEqualTo(expected);
    }

    static Stream<Arguments> badRequests() {
        String tenKb = "a".repeat(10 * 1024);
        String sql = encode("' OR 1=1; DROP TABLE post; --");
        return Stream.of(
                Arguments.of("/api/v1/stats/top-users?limit=abc", "limit"),
                Arguments.of("/api/v1/stats/top-users?limit=0", "limit"),
                Arguments.of("/api/v1/stats/top-users?limit=101", "limit"),
                Arguments.of("/api/v1/stats/top-users?limit=-5", "limit"),
                Arguments.of("/api/v1/stats/top-users?limit=99999999999", "limit"),
                Arguments.of("/api/v1/stats/top-users?limit=1&limit=2", "limit"),
                Arguments.of("/api/v1/posts?limit=201", "limit"),
                Arguments.of("/api/v1/stats/posts-by-hour?tz=Mars%2FOlympus", "tz"),
                Arguments.of("/api/v1/stats/posts-by-hour?tz=" + sql, "tz"),
                Arguments.of("/api/v1/stats/posts-by-hour?tz=%2B05:07", "tz"),
                Arguments.of("/api/v1/stats/posts-by-hour?tz=UTC%2B05:07", "tz"),
                Arguments.of("/api/v1/stats/timeline?tz=GMT-00:20", "tz"),
                // local mean time, +0:53:28, until 1893
                Arguments.of("/api/v1/stats/timeline?tz=Europe/Berlin&from=1850-01-01T00:00:00Z&to=1850-06-01T00:00:00Z",
                        "tz"),
                // Monrovia Mean Time, -0:44:30, until 1972
                Arguments.of("/api/v1/stats/posts-by-hour?tz=Africa/Monrovia&from=1960-01-01T00:00:00Z"
                        + "&to=1960-02-01T00:00:00Z", "tz"),
                Arguments.of("/api/v1/stats/timeline?from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from"),
                Arguments.of("/api/v1/stats/timeline?from=2020-01-01T00:00:00Z", "from"),
                Arguments.of("/api/v1/stats/timeline?bucket=day&from=0001-01-01T00:00:00Z", "from"),
                Arguments.of("/api/v1/stats/timeline?tz=Asia/Kolkata&from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z",
                        "from"),
                Arguments.of("/api/v1/stats/timeline?tz=" + tenKb, "tz"),
                Arguments.of("/api/v1/stats/posts-by-tag?by=colour", "by"),
                Arguments.of("/api/v1/stats/timeline?bucket=week", "bucket"),
                Arguments.of("/api/v1/stats/posts-by-hour?from=yesterday", "from"),
                Arguments.of("/api/v1/stats/posts-by-hour?to=2026-13-01T00:00:00Z", "to"),
                Arguments.of("/api/v1/stats/timeline?from=%2B999999999-12-31T23:59:59Z", "from"),
                Arguments.of("/api/v1/stats/top-users?from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z", "from"),
                Arguments.of("/api/v1/posts?from=2026-11-19T00:00:00Z&to=2026-11-19T00:00:00Z", "from"),
                Arguments.of("/api/v1/posts?cursor=!!!", "cursor"),
                Arguments.of("/api/v1/posts?cursor=" + encode("bm90IGEgY3Vyc29y"), "cursor"),
                Arguments.of("/api/v1/posts?cursor=" + tenKb, "cursor"),
                Arguments.of("/api/v1/posts?tag=" + sql, "tag"),
                Arguments.of("/api/v1/posts?tag=" + tenKb, "tag"),
                Arguments.of("/api/v1/posts?tag=%C3%28", "tag"),
                Arguments.of("/api/v1/posts?source=" + sql, "source"),
                Arguments.of("/api/v1/posts?lang=" + encode("en'"), "lang"),
                Arguments.of("/api/v1/posts?country=" + encode("\"US\""), "country"),
                Arguments.of("/api/v1/stats/top-users?source=" + tenKb, "source"),
                Arguments.of("/api/v1/posts/demo/" + sql, "id"),
                Arguments.of("/api/v1/posts/demo/" + tenKb, "id"),
                Arguments.of("/api/v1/posts/" + encode("x'y") + "/1", "source"),
                Arguments.of("/api/v1/geo/resolve", "location"),
                Arguments.of("/api/v1/geo/resolve?location=" + tenKb, "location"),
                Arguments.of("/api/read/hashtag/" + sql, "tag"),
                Arguments.of("/api/read/tweet/" + sql, "id"));
    }

    @ParameterizedTest
    @MethodSource("badRequests")
    void badInputGetsAProblemNamingTheParameterAndChangesNothing(String path, String parameter) {
        List<Object> before = storedData();
        ApiClient.Response response = api.get(path);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
        assertThat(problem.get("detail").asText()).startsWith(parameter).hasSizeLessThan(200);
        assertThat(storedData()).isEqualTo(before);
    }

    @Test
    void anUntrackedTagOrAnUnknownPostIsA404Problem() {
        for (String path : List.of("/api/v1/stats/top-users?tag=nosuchtag", "/api/v1/posts?tag=%23NoSuchTag",
                "/api/v1/posts/demo/42", "/api/read/hashtag/nosuchtag", "/api/read/tweet/42")) {
            ApiClient.Response response = api.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("status").asInt()).isEqualTo(404);
        }
    }

    @Test
    void healthMetricsAndOpenApi() {
        assertThat(api.getJson("/health").get("status").asText()).isEqualTo("UP");
        assertThat(api.getJson("/health/liveness").get("status").asText()).isEqualTo("UP");
        assertThat(api.getJson("/health/readiness").get("status").asText()).isEqualTo("UP");

        api.get("/api/v1/posts/demo/" + demo.postsList().get(0).id());
        ApiClient.Response metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "process_cpu_usage",
                "http_server_requests_seconds_bucket", "camel_exchanges_total", "camel_exchanges_failed_total",
                "camel_route_policy_seconds");
        // REST requests are timed under their route template, never the raw id
        assertThat(metrics.body()).contains("uri=\"/api/v1/posts/{source}/{id}\"")
                .contains("le=\"0.3\"") // the exact bucket the latency SLO needs
                .doesNotContain(demo.postsList().get(0).id()).doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*uri=\"UNKNOWN\"");
        assertThat(metrics.body()).contains("tagwatch_posts_collected_total{source=\"demo\",tag=\"devops\"}",
                "tagwatch_posts_read_total{source=\"demo\"}", "tagwatch_source_state{source=\"demo\",state=\"ok\"} 1.0",
                "tagwatch_collection_last_success_timestamp_seconds{source=\"demo\",tag=\"sre\"}",
                "tagwatch_x_budget_remaining_reads", "tagwatch_store_batch_duration_seconds_bucket",
                "tagwatch_posts_stored " + demo.posts.size() + ".0");

        JsonNode openApi = api.getJson("/api/v1/openapi.json");
        assertThat(openApi.get("paths").has("/v1/stats/top-users")).isTrue();
        assertThat(openApi.get("paths").has("/v1/posts/{source}/{id}")).isTrue();
    }

    @Test
    void manualCollectionIsOffWithoutAnAdminToken() {
        ApiClient.Response response = api.post("/api/v1/collect", "Authorization", "Bearer anything");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    /** The fuzz suite's find: Camel's binding URL-decodes a form body before any route runs, and "%%" threw. */
    @ParameterizedTest
    @ValueSource(strings = {"location=%%27+OR+1%3D1+--", "tag=ok", "%"})
    void aFormBodyIsRefusedAsUnsupportedAndChangesNothing(String form) throws Exception {
        List<Object> before = storedData();
        for (String path : List.of("/api/v1/collect", "/api/v1/stats/top-users")) {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(415);
            assertThat(answer.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
            assertThat(answer.body()).contains("\"status\":415").contains("query string");
        }
        assertThat(storedData()).isEqualTo(before);
    }

    private List<Object> storedData() {
        return List.of(jdbc.queryForList("SELECT COUNT(*), SUM(created_at), MAX(id) FROM post"),
                jdbc.queryForList("SELECT COUNT(*), SUM(followers) FROM author"),
                jdbc.queryForList("SELECT COUNT(*) FROM post_tag"),
                jdbc.queryForList("SELECT * FROM checkpoint ORDER BY tag"));
    }

    private List<String> allPostIds(String path) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.getJson(path + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(p -> ids.add(p.get("id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        return ids;
    }

    private ObjectNode authorJson(DemoDataset.Author a) {
        ObjectNode node = JSON.createObjectNode().put("source", "demo").put("id", a.id())
                .put("username", a.username()).put("name", a.name()).put("followers", a.followers())
                .put("location", a.location()).put("country", country(a.id()));
        return node;
    }

    private static ArrayNode hourItems(long[] hours) {
        ArrayNode items = JSON.createArrayNode();
        for (int h = 0; h < 24; h++) {
            items.add(JSON.createObjectNode().put("hour", h).put("posts", hours[h]));
        }
        return items;
    }

    /** Read back from text, so numbers compare as the API's do whatever Java type built them. */
    static JsonNode reparsed(JsonNode node) {
        try {
            return JSON.readTree(node.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

}
