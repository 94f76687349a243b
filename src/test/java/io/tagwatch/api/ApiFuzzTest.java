package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.TagwatchApplication;
import io.tagwatch.support.DemoDataset;
import io.tagwatch.support.RawHttp;
import io.tagwatch.support.RawHttp.Request;
import io.tagwatch.support.RawHttp.Response;
import io.tagwatch.support.StoredData;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Random and hostile query strings, path segments, headers, methods and request lines against every
 * endpoint of the running service, demo dataset on SQLite: no answer is a 5xx, every 4xx is an
 * application/problem+json body, and the stored data is the same after as before.
 */
class ApiFuzzTest {

    /** The routes of routes/api.yaml; {source}, {id} and {tag} get valid values or fuzzed segments. */
    private static final List<String> ENDPOINTS = List.of("/api/v1/stats/top-users", "/api/v1/stats/posts-by-hour",
            "/api/v1/stats/posts-by-tag", "/api/v1/stats/timeline", "/api/v1/posts", "/api/v1/posts/export",
            "/api/v1/posts/{source}/{id}",
            "/api/v1/tags", "/api/v1/geo/resolve", "/api/v1/collect", "/api/statistics/users",
            "/api/statistics/tweets", "/api/read/hashtag/{tag}", "/api/read/tweet/{id}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext app;
    private static RawHttp http;
    private static StoredData before;
    private static String postId;
    private static long requests;
    private static long serverErrors;
    private static long clientErrorsWithoutProblem;

    @BeforeContainer
    static void startTheServiceWithTheWholeDemoDatasetStored() throws IOException {
        Path dir = Files.createTempDirectory("tagwatch-fuzz");
        // command-line arguments outrank application.yaml
        app = new SpringApplicationBuilder(TagwatchApplication.class).run("--server.port=0",
                "--spring.profiles.active=demo", "--tagwatch.sqlite-file=" + dir.resolve("tagwatch.db"),
                "--tagwatch.routes-dir=target/no-routes-dir", "--tagwatch.collect.first-run-delay=100",
                // one cycle per tag stores the whole dataset; the next would come long after the last request
                "--tagwatch.collect.period=24h",
                // a token nobody sends, so POST /collect is refused (401) rather than off (503)
                "--tagwatch.admin-token=" + UUID.randomUUID());
        http = new RawHttp(((WebServerApplicationContext) app).getWebServer().getPort());
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        DemoDataset demo = DemoDataset.load();
        long tagLinks = demo.posts.values().stream().mapToLong(p -> p.tags().size()).sum();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM checkpoint", Long.class)
                        == DemoDataset.SEED_TAGS.size()
                        && jdbc.queryForObject("SELECT COUNT(*) FROM post", Long.class) == demo.posts.size()
                        && jdbc.queryForObject("SELECT COUNT(*) FROM post_tag", Long.class) == tagLinks);
        before = StoredData.of(jdbc);
        postId = demo.postsList().get(0).id();
    }

    // camel-servlet registers one servlet per JVM: the next test class starts its own context
    @AfterContainer
    static void checkTheStoredDataAndStop() {
        if (app == null) {
            return;
        }
        StoredData after;
        try {
            after = StoredData.of(app.getBean(JdbcTemplate.class));
        } finally {
            app.close();
        }
        System.out.printf("fuzz: %d requests, %d 5xx, %d 4xx without problem+json, stored data %s%n", requests,
                serverErrors, clientErrorsWithoutProblem, after.equals(before) ? "unchanged" : "CHANGED");
        assertThat(after).as("the stored data after the fuzzing").isEqualTo(before);
    }

    @Property(tries = 2000)
    void queryStrings(@ForAll("endpoints") String endpoint, @ForAll("queryStrings") String query) {
        exchange(method(endpoint), endpoint + "?" + query, List.of(), "");
    }

    @Property(tries = 600)
    void pathSegments(@ForAll("fuzzedPaths") String path) {
        exchange("GET", path, List.of(), "");
    }

    @Property(tries = 1000)
    void methodsHeadersAndBodies(@ForAll("methods") String method, @ForAll("endpoints") String endpoint,
            @ForAll("headers") List<String> headers, @ForAll("queryStrings") String body) {
        exchange(method, endpoint, headers, method.equals("GET") || method.equals("HEAD") ? "" : body);
    }

    /** Bodies of every size up to 2 MB, declared or chunked, on every endpoint and method. */
    @Property(tries = 150)
    void largeAndChunkedBodies(@ForAll("methods") String method, @ForAll("endpoints") String endpoint,
            @ForAll("bodySizes") int size, @ForAll boolean chunked) {
        String body = "x".repeat(size);
        if (!chunked) {
            exchange(method, endpoint, List.of(), body);
            return;
        }
        StringBuilder chunks = new StringBuilder();
        for (int at = 0; at < size; at += 8192) {
            int n = Math.min(8192, size - at);
            chunks.append(Integer.toHexString(n)).append("\r\n").append(body, at, at + n).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        Request request = new Request(method, endpoint, "HTTP/1.1",
                standardHeaders(List.of("Transfer-Encoding: chunked")), chunks.toString());
        check(request, http.send(request));
    }

    @Provide
    Arbitrary<Integer> bodySizes() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 100)),
                Tuple.of(3, Arbitraries.of(65_535, 65_536, 65_537)),
                Tuple.of(2, Arbitraries.integers().between(65_538, 2 << 20)));
    }

    /** Raw bytes Tomcat refuses before any servlet runs; its own answer must be a problem too. */
    @Property(tries = 600)
    void requestsTomcatRefuses(@ForAll("refusedRequests") Request request) {
        check(request, http.send(request));
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of(ENDPOINTS).map(this::withValidPathParameters);
    }

    @Provide
    Arbitrary<String> queryStrings() {
        return HostileInputs.queryStrings();
    }

    @Provide
    Arbitrary<String> fuzzedPaths() {
        Arbitrary<String> template = Arbitraries.of(ENDPOINTS);
        Arbitrary<List<String>> segments = HostileInputs.segments().list().ofSize(3);
        Arbitrary<String> tail = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(3, HostileInputs.segments().map(s -> "/" + s)),
                Tuple.of(1, HostileInputs.queryStrings().map(q -> "?" + q)));
        return Combinators.combine(template, segments, tail).as((path, fill, end) -> {
            String filled = path;
            for (String segment : fill) {
                filled = filled.replaceFirst("\\{[a-z]+}", Matcher.quoteReplacement(segment));
            }
            return filled + end;
        });
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("GET")),
                Tuple.of(3, Arbitraries.just("POST")),
                Tuple.of(3, Arbitraries.of("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "get", "PROPFIND",
                        "FUZZ", "M-SEARCH", "PRI")));
    }

    @Provide
    Arbitrary<List<String>> headers() {
        return Combinators.combine(HostileInputs.headerNames(), HostileInputs.headerValues())
                .as((name, value) -> name + ": " + value).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<Request> refusedRequests() {
        Arbitrary<String> legalTarget = endpoints();
        Arbitrary<Request> illegalTargetByte = Combinators.combine(legalTarget, HostileInputs.illegalTargetBytes(),
                Arbitraries.integers().between(0, 1000)).as((target, bytes, at) -> {
                    int cut = 1 + at % target.length();
                    return request("GET", target.substring(0, cut) + bytes + target.substring(cut), List.of());
                });
        Arbitrary<Request> badHeaderLine = Combinators.combine(legalTarget, Arbitraries.of("X Space: v", ": v",
                " X-Folded: v", "X-Ctl: a\u0001b", "X-Del: a\u007fb", "X-Nul: \u0000", "X-Cr: a\rb", "NoColon",
                "X-Bare-Lf: a\nb", "Bad\u00e9Name: v", "X(: v", "Host: bad host!", "Host: [::1",
                "Host: localhost:abc", "Host: \u00e9vil", "X-Long: " + "x".repeat(40_000)))
                .as((target, line) -> request("GET", target, List.of(line)));
        Arbitrary<Request> tooManyHeaders = Combinators.combine(legalTarget, Arbitraries.integers().between(101, 300))
                .as((target, n) -> {
                    List<String> lines = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        lines.add("X-" + i + ": v");
                    }
                    return request("GET", target, lines);
                });
        Arbitrary<Request> noHost = legalTarget.map(target -> new Request("GET", target, "HTTP/1.1",
                List.of("Connection: close"), ""));
        Arbitrary<Request> badRequestLine = Arbitraries.of(
                new Request("GET", "*", "HTTP/1.1", standardHeaders(List.of()), ""),
                new Request("GET", "api/v1/posts", "HTTP/1.1", standardHeaders(List.of()), ""),
                new Request("GET", "http://evil.example/api/v1/posts", "HTTP/1.1", standardHeaders(List.of()), ""),
                new Request("GE(T", "/api/v1/posts", "HTTP/1.1", standardHeaders(List.of()), ""),
                new Request("GET", "/api/v1/posts", "http/1.1", standardHeaders(List.of()), ""),
                new Request("GET", "/api/v1/posts", "HTTP/1.1 extra", standardHeaders(List.of()), ""),
                new Request("GET", "/api/v1/posts?" + "a".repeat(40_000), "HTTP/1.1", standardHeaders(List.of()), ""),
                new Request("GET", "/../../etc/passwd", "HTTP/1.1", standardHeaders(List.of()), ""),
                new Request("GET", "/api/v1/posts", "HTTP/1.1", List.of("Host: localhost", "Host: localhost",
                        "Connection: close"), ""));
        return Arbitraries.frequencyOf(
                Tuple.of(6, illegalTargetByte),
                Tuple.of(3, badHeaderLine),
                Tuple.of(1, tooManyHeaders),
                Tuple.of(1, noHost),
                Tuple.of(1, badRequestLine));
    }

    private String withValidPathParameters(String endpoint) {
        return endpoint.replace("{source}", "demo").replace("{id}", postId).replace("{tag}", "devops");
    }

    private static String method(String endpoint) {
        return endpoint.endsWith("/collect") ? "POST" : "GET";
    }

    private static void exchange(String method, String target, List<String> headers, String body) {
        Request request = request(method, target, headers, body);
        check(request, http.send(request));
    }

    private static Request request(String method, String target, List<String> headers) {
        return request(method, target, headers, "");
    }

    private static Request request(String method, String target, List<String> headers, String body) {
        List<String> lines = new ArrayList<>(headers);
        if (!body.isEmpty()) {
            lines.add("Content-Length: " + body.length());
        }
        return new Request(method, target, "HTTP/1.1", standardHeaders(lines), body);
    }

    private static List<String> standardHeaders(List<String> headers) {
        List<String> lines = new ArrayList<>();
        if (headers.stream().noneMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5))) {
            lines.add("Host: localhost");
        }
        lines.addAll(headers);
        lines.add("Connection: close");
        return lines;
    }

    /**
     * The invariants. An HTTP/0.9 answer (no status line, no headers) is judged by its body: a problem
     * document carries its status; anything else answered the HTTP/0.9 request Tomcat read.
     */
    private static void check(Request request, Response response) {
        JsonNode problem = problem(response.body());
        int status = response.http09() ? (problem == null ? 200 : problem.get("status").asInt()) : response.status();
        boolean saysProblem = response.header("Content-Type").startsWith(ProblemResponses.MEDIA_TYPE);
        boolean bodyIsProblem = request.method().equals("HEAD") // an answer to HEAD has no body
                || (problem != null && problem.get("status").asInt() == status);
        boolean isProblem = response.http09() ? problem != null : saysProblem && bodyIsProblem;
        requests++;
        if (status >= 500) {
            serverErrors++;
        } else if (status >= 400 && !isProblem) {
            clientErrorsWithoutProblem++;
        }
        assertThat(status).as(() -> "status of " + request.describe() + ": " + response.body()).isLessThan(500);
        if (status >= 400) {
            assertThat(isProblem).as(() -> "a problem+json answer (" + status + ", Content-Type "
                    + response.header("Content-Type") + ") to " + request.describe() + ": " + response.body()).isTrue();
        }
    }

    /** The body as an RFC 9457 problem, or null when it is not one. */
    private static JsonNode problem(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.path("type").isTextual() && node.path("title").isTextual()
                    && node.path("status").isInt() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
