package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.post.SearchQuery;
import io.tagwatch.post.SearchWords;
import io.tagwatch.support.ApiClient;
import io.tagwatch.support.DemoDataset;
import io.tagwatch.support.SearchIndex;
import io.tagwatch.support.SearchOracle;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Full-text search and the export on the demo dataset, plus a few posts with texts a spreadsheet would
 * run and 20,000 long ones, end to end on a real database. Searches are checked against the posts'
 * texts as the bundled pages give them, with the search rule worked out in Java: since both subclasses
 * compare with the same answer, SQLite and PostgreSQL give the same results in the same order. One
 * export at a time and a 3 s deadline, so that the limits can be seen.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tagwatch.collect.first-run-delay=100", "tagwatch.routes-dir=target/no-routes-dir",
                "tagwatch.collect.period=24h", "tagwatch.api.max-concurrent-exports=1",
                "tagwatch.api.export-deadline=3s"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchAndExportContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant BULK_START = Instant.parse("2026-10-01T00:00:00Z");
    private static final int BULK_POSTS = 20_000;
    /** Texts a spreadsheet would take for formulas, and ones that need quoting, by the "test" source. */
    private static final List<String> TEST_TEXTS = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1",
            "-2+3 #sre", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "plain, with a comma", "a \"quoted\" word",
            "two\nlines\r\nand CRLF", "Café ÜBER #SRE naïve");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ProducerTemplate camel;
    @Autowired
    MeterRegistry meters;

    ApiClient api;
    DemoDataset demo;

    @BeforeAll
    void storeTheDemoAndTheTestPosts() {
        api = new ApiClient(port);
        demo = DemoDataset.load();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM post", Long.class) == demo.posts.size());
        List<Post> test = new ArrayList<>();
        for (int i = 0; i < TEST_TEXTS.size(); i++) {
            test.add(new Post("test", "t" + i, BULK_START.minusSeconds(i), TEST_TEXTS.get(i), "en", null, "formula",
                    List.of("sre")));
        }
        store(new CollectedBatch("test", "sre", test, List.of(new Author("test", "formula", "formula",
                "=cmd|' /C calc'!A0", null, "-Lisbon", "PT", 1, BULK_START)), Checkpoints.of("t"), 1, test.size(), List.of()));
        // long enough that an export of them outlasts the socket buffers, and one read at a time outlasts 3 s
        String filler = "x".repeat(1200);
        for (int batch = 0; batch < BULK_POSTS / 2000; batch++) {
            List<Post> posts = new ArrayList<>();
            for (int i = batch * 2000; i < (batch + 1) * 2000; i++) {
                posts.add(new Post("bulk", "b" + i, BULK_START.plusSeconds(i), "bulk " + i + " " + filler, "en", null,
                        "bulker", List.of("sre")));
            }
            store(new CollectedBatch("bulk", "sre", posts, List.of(new Author("bulk", "bulker", "bulker", null, null,
                    null, null, 5, BULK_START)), Checkpoints.of("b" + batch), 1, posts.size(), List.of()));
        }
        if (!SearchIndex.isSqlite(jdbc)) {
            // as autovacuum does within a minute of such a load: without statistics PostgreSQL takes every
            // table for one row and joins a tag's posts to every author of the source (seconds, not ms)
            jdbc.execute("ANALYZE");
        }
    }

    private void store(CollectedBatch batch) {
        Exchange done = camel.send("direct:store-batch", e -> e.getMessage().setBody(batch));
        assertThat(done.getException()).isNull();
    }

    static Stream<String> searches() {
        List<String> searches = new ArrayList<>(List.of("flaky deploy", "\"error budgets\"", "#SRE", "sre",
                "SRE sre #sre", "runbook pager", "on-call", "\"on call\"", "Kubernetes", "it's", "\"it s worth\"",
                "AND OR NOT", "\"unbalanced", "NEAR(", "dev* -ops", "nothingmatchesthis"));
        // words and word pairs from random posts, so that the terms are not only the ones chosen here
        long seed = System.nanoTime();
        System.out.println("search-contract: random words with seed " + seed);
        Random random = new Random(seed);
        List<DemoDataset.Post> posts = DemoDataset.load().postsList();
        posts.sort(Comparator.comparing(DemoDataset.Post::id));
        for (int i = 0; i < 24; i++) {
            List<String> words = SearchWords.words(posts.get(random.nextInt(posts.size())).text());
            int at = random.nextInt(words.size());
            searches.add(i % 2 == 0 || at + 1 == words.size() ? words.get(at)
                    : "\"" + words.get(at) + " " + words.get(at + 1) + "\"");
        }
        return searches.stream();
    }

    /** Paged through /api/v1/posts, with and without other filters, newest first. */
    @ParameterizedTest
    @MethodSource("searches")
    void aSearchFindsThePostsWhoseTextHoldsItsWords(String q) {
        SearchQuery search = SearchQuery.parse(q);
        for (String filter : List.of("", "&tag=sre", "&lang=en&from=2026-11-16T00:00:00Z")) {
            List<String> expected = demo.posts.values().stream()
                    .filter(p -> SearchOracle.matches(search, p.text()))
                    .filter(p -> !filter.contains("tag=") || p.tags().contains("sre"))
                    .filter(p -> !filter.contains("lang=") || p.lang().equals("en")
                            && !p.createdAt().isBefore(Instant.parse("2026-11-16T00:00:00Z")))
                    .sorted(Comparator.comparing(DemoDataset.Post::createdAt).thenComparing(DemoDataset.Post::id)
                            .reversed())
                    .map(DemoDataset.Post::id).toList();
            assertThat(ids("/api/v1/posts?source=demo&limit=70&q=" + encode(q) + filter)).as("%s%s", q, filter)
                    .isEqualTo(expected);
        }
    }

    @Test
    void aSearchFindsFoldedWordsAndHashtagsInAnyCase() {
        assertThat(ids("/api/v1/posts?source=test&q=" + encode("cafe uber NAIVE"))).containsExactly("t9");
        assertThat(ids("/api/v1/posts?source=test&q=" + encode("#sre"))).containsExactly("t2", "t9");
        assertThat(ids("/api/v1/posts?source=test&q=" + encode("\"two lines and crlf\""))).containsExactly("t8");
    }

    /** Engine syntax and junk: searched as words, or refused as a problem naming q; never a 5xx. */
    @ParameterizedTest
    @ValueSource(strings = {"\"unbalanced", "AND OR NOT", "*", "NEAR(", "NEAR(\"a\" \"b\", 2)", "a OR b", "-devops",
        "^sre", "sre:x", "'", "''", "\\", "%", "_", "(", ")", "{sre}", "sre*", "\"", "\"\"", "'a' & 'b'", "a <-> b",
        "!a", "a | b", ":*", "sre:*", "col:word", "\u0000", "🚀", "a\u0301", "ǅ", "İ", "١٢٣", "sqlite_version()",
        "x'||(SELECT 1)||'", "'; DROP TABLE post; --"})
    void hostileSearchesAreWordsOrProblems(String q) {
        for (String path : List.of("/api/v1/posts?q=", "/api/v1/posts/export?format=ndjson&source=demo&q=")) {
            ApiClient.Response response = api.get(path + encode(q));
            assertThat(response.status()).as(path + q).isIn(200, 400);
            if (response.status() == 400) {
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("parameter").asText()).isEqualTo("q");
            } else if (path.startsWith("/api/v1/posts?")) {
                SearchQuery search = SearchQuery.parse(q);
                long expected = demo.posts.values().stream().filter(p -> SearchOracle.matches(search, p.text())).count();
                assertThat(ids("/api/v1/posts?source=demo&limit=200&q=" + encode(q))).as(q).hasSize((int) expected);
            }
        }
    }

    static Stream<String> exportFilters() {
        return Stream.of("source=demo", "source=demo&tag=sre&lang=en", "source=demo&q=" + encode("flaky deploy"),
                "source=demo&from=2026-11-15T06:07:13.5Z&to=2026-11-17T00:00:00Z", "source=demo&country=ZZ&tag=devops",
                "source=test", "source=demo&q=nothingmatchesthis");
    }

    /** NDJSON: exactly the items of /api/v1/posts, page after page, in order. */
    @ParameterizedTest
    @MethodSource("exportFilters")
    void theNdjsonExportIsWhatPagingThePostsGives(String filter) throws IOException {
        Export export = export("/api/v1/posts/export?format=ndjson&" + filter);
        assertThat(export.status).isEqualTo(200);
        assertThat(export.headers.get("content-type")).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        for (String line : export.body.split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        assertThat(export.body.isEmpty() || export.body.endsWith("\n")).isTrue();
        assertThat(lines).isEqualTo(pages("/api/v1/posts?limit=200&" + filter));
    }

    /** CSV: one row per post with every field of the post and its author, read back by Commons CSV. */
    @ParameterizedTest
    @MethodSource("exportFilters")
    void theCsvExportParsesBackToThePosts(String filter) throws IOException {
        Export export = export("/api/v1/posts/export?format=csv&" + filter);
        assertThat(export.status).isEqualTo(200);
        assertThat(export.headers.get("content-type")).startsWith("text/csv").contains("charset=utf-8");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.body)).getRecords();
        assertThat(export.body).startsWith(String.join(",", ExportFormat.COLUMNS) + "\r\n");
        List<JsonNode> posts = pages("/api/v1/posts?limit=200&" + filter);
        assertThat(rows).hasSameSizeAs(posts);
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            JsonNode post = posts.get(i);
            JsonNode author = post.get("author");
            assertThat(row.get("id")).isEqualTo(post.get("id").asText());
            assertThat(row.get("text")).isEqualTo(guarded(post.get("text").asText()));
            assertThat(row.get("created_at")).isEqualTo(post.get("created_at").asText());
            assertThat(row.get("tags")).isEqualTo(String.join(" ", JSON.convertValue(post.get("tags"), List.class)));
            assertThat(row.get("url")).isEqualTo(post.get("url").isNull() ? "" : post.get("url").asText());
            assertThat(row.get("author_username")).isEqualTo(guarded(author.get("username").asText()));
            assertThat(row.get("author_name")).isEqualTo(author.get("name").isNull() ? "" : guarded(author.get("name").asText()));
            assertThat(row.get("author_followers")).isEqualTo(author.get("followers").asText());
            assertThat(row.get("author_location"))
                    .isEqualTo(author.get("location").isNull() ? "" : guarded(author.get("location").asText()));
            assertThat(row.get("author_country")).isEqualTo(author.get("country").asText());
            assertThat(row.get("author_profile_url"))
                    .isEqualTo(author.get("profile_url").isNull() ? "" : author.get("profile_url").asText());
        }
    }

    /** OWASP's CSV injection: a cell a spreadsheet would run as a formula starts with a quote. */
    @Test
    void formulaLikeCellsComeOutGuarded() throws IOException {
        Export export = export("/api/v1/posts/export?format=csv&source=test");
        Map<String, String> texts = new java.util.HashMap<>();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.body)).getRecords();
        rows.forEach(r -> texts.put(r.get("id"), r.get("text")));
        assertThat(texts).containsEntry("t0", "'=HYPERLINK(\"http://evil.example\",\"click\")")
                .containsEntry("t1", "'+1+1").containsEntry("t2", "'-2+3 #sre").containsEntry("t3", "'@SUM(A1:A9)")
                .containsEntry("t4", "'\t=1+1").containsEntry("t5", "'\r=1+1")
                .containsEntry("t6", "plain, with a comma").containsEntry("t7", "a \"quoted\" word")
                .containsEntry("t8", "two\nlines\r\nand CRLF");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("author_name")).isEqualTo("'=cmd|' /C calc'!A0");
            assertThat(r.get("author_location")).isEqualTo("'-Lisbon");
        });
        // the raw cells: quoted where they hold a quote, a comma or a line break, quotes doubled
        assertThat(export.body).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",")
                .contains(",'+1+1,").contains(",\"two\nlines\r\nand CRLF\",");
    }

    @Test
    void theFileIsNamedAfterTheFiltersAndTheDay() throws IOException {
        Export export = export("/api/v1/posts/export?format=ndjson&source=demo&tag=SRE&from=2026-11-15T00:00:00Z"
                + "&q=" + encode("flaky \"error budgets\""));
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(export.headers.get("content-disposition")).isEqualTo("attachment; filename=\"tagwatch-posts-sre-demo"
                + "-from-20261115T000000Z-search-flaky_error_budgets-" + day + ".ndjson\"; filename*=UTF-8''"
                + "tagwatch-posts-sre-demo-from-20261115T000000Z-search-flaky_error_budgets-" + day + ".ndjson");
        assertThat(export.headers).doesNotContainKey("content-length");
    }

    @Test
    void badExportParametersAreProblemsBeforeAnyByte() {
        for (String query : List.of("format=xml", "format=csv&format=csv", "tag=nosuchtag", "from=yesterday", "q=*",
                "lang=" + encode("en'"), "country=USA")) {
            ApiClient.Response response = api.get("/api/v1/posts/export?" + query);
            assertThat(response.status()).as(query).isIn(400, 404);
            assertThat(response.contentType()).as(query).startsWith("application/problem+json");
            assertThat(response.body()).doesNotContain("attachment");
        }
    }

    /**
     * The client reads a little of a large export and hangs up while the service is blocked writing:
     * the cursor, its transaction and its pool connection are given back at once, and the next export
     * may start.
     */
    @Test
    void aClientThatHangsUpMidExportFreesItsCursorAndConnectionAtOnce() throws Exception {
        double before = exports("client_gone");
        try (Socket client = stalledExport("/api/v1/posts/export?format=ndjson&source=bulk")) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> activeConnections() == 1);
            assertThat(busyDatabaseSessions()).isEqualTo(1);
        }
        long hungUp = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> activeConnections() == 0 && exports("client_gone") == before + 1);
        System.out.printf("export-disconnect: connection back in the pool %d ms after the client hung up%n",
                (System.nanoTime() - hungUp) / 1_000_000);
        assertThat(busyDatabaseSessions()).isZero();
        assertThat(api.get("/api/v1/posts/export?source=test").status()).isEqualTo(200);
    }

    @Test
    void oneExportTooManyIsRefusedWith429AndRetryAfter() throws Exception {
        try (Socket running = stalledExport("/api/v1/posts/export?format=csv&source=bulk")) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> activeConnections() == 1);
            Export refused = export("/api/v1/posts/export?format=csv&source=test");
            assertThat(refused.status).isEqualTo(429);
            assertThat(refused.headers.get("retry-after")).isEqualTo("10");
            assertThat(refused.headers.get("content-type")).startsWith("application/problem+json");
            assertThat(JSON.readTree(refused.body).get("status").asInt()).isEqualTo(429);
            // the other endpoints are not held back
            assertThat(api.get("/api/v1/posts?source=test").status()).isEqualTo(200);
        }
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> activeConnections() == 0);
        assertThat(export("/api/v1/posts/export?format=csv&source=test").status).isEqualTo(200);
        // a 429 only: a request's own Retry-After is not echoed on other answers
        assertThat(api.get("/api/v1/tags").status()).isEqualTo(200);
    }

    /**
     * A client that reads slowly is cut off at the deadline: the service frees the cursor and the
     * connection then, while the client still reads what the socket buffers hold, and the body ends
     * without the chunked encoding's last chunk, so the client knows the file is not whole.
     */
    @Test
    void anExportPastItsDeadlineEndsWithoutItsLastChunk() throws Exception {
        double before = exports("deadline");
        long started = System.nanoTime();
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        List<Exception> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (Socket client = stalledExport("/api/v1/posts/export?format=ndjson&source=bulk")) {
            client.setSoTimeout(20_000);
            Thread reader = new Thread(() -> {
                try {
                    InputStream in = client.getInputStream();
                    byte[] buffer = new byte[8192];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        // the last 64 bytes received, across reads
                        tail.write(buffer, 0, n);
                        byte[] all = tail.toByteArray();
                        tail.reset();
                        tail.write(all, Math.max(0, all.length - 64), Math.min(all.length, 64));
                        Thread.sleep(5); // about 1.6 MB/s: the 24 MB would take 15 s
                    }
                } catch (IOException | InterruptedException e) {
                    failed.add(e); // a read that timed out: the service kept the connection open
                }
            });
            reader.start();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> exports("deadline") == before + 1 && activeConnections() == 0);
            long millis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("export-deadline: cursor and connection freed %d ms after the start (deadline 3000 ms)%n",
                    millis);
            assertThat(millis).isGreaterThanOrEqualTo(3000L);
            reader.join(30_000);
        }
        assertThat(failed).as("the service closed the connection").isEmpty();
        assertThat(tail.toString(StandardCharsets.ISO_8859_1)).as("the body's end").isNotEmpty().doesNotEndWith("0\r\n\r\n");
    }

    private record Export(int status, Map<String, String> headers, String body) {
    }

    /** An HTTP/1.1 exchange over a plain socket, the chunked body decoded. */
    private Export export(String target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] raw = socket.getInputStream().readAllBytes();
            String all = new String(raw, StandardCharsets.ISO_8859_1);
            int end = all.indexOf("\r\n\r\n");
            Map<String, String> headers = new java.util.TreeMap<>();
            String[] lines = all.substring(0, end).split("\r\n");
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            if ("chunked".equals(headers.get("transfer-encoding"))) {
                body = dechunked(body);
            }
            return new Export(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] dechunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(body, at);
            int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length - 1; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new AssertionError("a chunk without its size line: the body was cut");
    }

    /**
     * A client with a 4 kB receive buffer that asks for an export and reads only its head: the service is
     * left blocked writing, holding its cursor.
     */
    private Socket stalledExport(String target) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        byte[] head = in.readNBytes(2048);
        assertThat(new String(head, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
        return socket;
    }

    private int activeConnections() {
        return ((HikariDataSource) dataSource).getHikariPoolMXBean().getActiveConnections();
    }

    /**
     * Sessions of the service's database that are in a query or a transaction, seen from a connection of
     * their own; on SQLite, where there are no sessions to ask, the pool's active connections.
     */
    private long busyDatabaseSessions() throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        if (!url.startsWith("jdbc:postgresql:")) {
            return activeConnections();
        }
        try (Connection own = DriverManager.getConnection(url, "postgres", "postgres");
                ResultSet rs = own.createStatement().executeQuery("SELECT COUNT(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private double exports(String outcome) {
        var counter = meters.find("tagwatch.exports").tag("outcome", outcome).counters();
        return counter.stream().mapToDouble(c -> c.count()).sum();
    }

    private List<JsonNode> pages(String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.getJson(path + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(items::add);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        return items;
    }

    private List<String> ids(String path) {
        return pages(path).stream().map(p -> p.get("id").asText()).toList();
    }

    /** What the export makes of a text a spreadsheet would run. */
    private static String guarded(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
