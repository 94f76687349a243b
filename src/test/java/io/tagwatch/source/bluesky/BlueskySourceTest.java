package io.tagwatch.source.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.support.SourceTesting;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.bluesky.FakeBluesky.Author;
import io.tagwatch.source.bluesky.FakeBluesky.Fault;
import io.tagwatch.source.bluesky.FakeBluesky.Post;
import io.tagwatch.support.ApiClient;
import io.tagwatch.support.FakeUpstream.Request;

import io.micrometer.core.instrument.MeterRegistry;

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
 * The Bluesky source against a fake entryway, driven through the collect-cycle route into a real
 * SQLite file: tags, paging, the indexedAt checkpoint, follower counts and sessions, and faults after
 * which exactly the fake's posts are stored, none lost and none twice.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tagwatch.sources=bluesky", "tagwatch.collect.period=1h", "tagwatch.collect.first-run-delay=3600000",
        "tagwatch.routes-dir=target/no-routes-dir", "tagwatch.upstream.backoff=10ms",
        "tagwatch.upstream.read-timeout=1s", "tagwatch.bluesky.max-pages-per-cycle=3",
        "tagwatch.admin-token=" + BlueskySourceTest.ADMIN_TOKEN})
@ExtendWith(OutputCaptureExtension.class)
class BlueskySourceTest {

    static final String ADMIN_TOKEN = "fake-admin-token-4d5e6f-0123456789abcdef";
    private static final String TAG = "sre";
    private static final String SEARCH = "/xrpc/app.bsky.feed.searchPosts";
    private static final FakeBluesky fake = new FakeBluesky();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-bluesky");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.bluesky.base-url", fake::baseUrl);
        registry.add("tagwatch.bluesky.handle", () -> FakeBluesky.HANDLE);
        registry.add("tagwatch.bluesky.app-password", () -> FakeBluesky.APP_PASSWORD);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SourceGates gates;
    @Autowired
    BlueskySource source;
    @Autowired
    MeterRegistry registry;
    @LocalServerPort
    int port;

    @BeforeEach
    void emptyStoreAndFake() throws Exception {
        for (String table : List.of("post_tag", "post", "author", "checkpoint")) {
            jdbc.update("DELETE FROM " + table);
        }
        fake.reset();
        fake.restoreAppPassword();
        gates.resetAll();
        // a rate limit outlives a reset, as it should: one left by an earlier test is waited out
        SourceGate.Snapshot gate = gates.gate(BlueskyClient.GATE).snapshot();
        if (gate.state() == SourceState.RATE_LIMITED && gate.until() != null) {
            sleepUntil(gate.until().plusMillis(50));
        }
    }

    @Test
    void aPostIsStoredUnderEveryTrackedTagOfItsFacetsAndRecordTags() {
        Author jane = fake.author("Jane Ops", 1234);
        Post tagged = fake.add(jane, "Runbooks before pagers.", List.of("sre", "DevOps", "coffee"),
                List.of("Observability"), List.of("EN"));
        Post plain = fake.add(fake.author(null, 5), "no language given", List.of("sre"), List.of(), List.of());

        cycle();

        assertThat(tagsOf(tagged)).containsExactly("devops", "observability", "sre");
        assertThat(tagsOf(plain)).containsExactly("sre");
        Map<String, Object> post = jdbc.queryForMap("SELECT * FROM post WHERE id = ?", tagged.id());
        assertThat(post).containsEntry("text", "Runbooks before pagers. #sre #DevOps #coffee")
                .containsEntry("lang", "en").containsEntry("author_id", jane.did())
                .containsEntry("url", "https://bsky.app/profile/" + jane.handle() + "/post/" + tagged.rkey());
        assertThat(number(post.get("created_at"))).isEqualTo(tagged.createdAt().toEpochMilli());
        assertThat(jdbc.queryForObject("SELECT lang FROM post WHERE id = ?", String.class, plain.id())).isEqualTo("und");
        Map<String, Object> author = jdbc.queryForMap("SELECT * FROM author WHERE id = ?", jane.did());
        assertThat(author).containsEntry("username", jane.handle()).containsEntry("name", "Jane Ops")
                .containsEntry("location", null).containsEntry("country", null);
        assertThat(number(author.get("followers"))).isEqualTo(1234);
        assertThat(number(author.get("seen_at"))).isEqualTo(tagged.createdAt().toEpochMilli());
        assertThat(jdbc.queryForObject("SELECT name FROM author WHERE id = ?", String.class, plain.author().did()))
                .isNull();

        Request search = fake.searches().get(0);
        assertThat(search.query()).isEqualTo("q=%23sre&tag=sre&sort=latest&limit=100");
        assertThat(search.header("Authorization")).startsWith("Bearer " + FakeBluesky.TOKEN_PREFIX + "access-");
        assertStoredExactlyTheFakesPosts();
        assertThat(status().path("state").asText()).isEqualTo("ok");
    }

    @Test
    void aFirstCycleReadsOnePageAndLaterOnesFollowTheCursorUpToMaxPages() {
        List<Author> authors = fake.authors(10);
        List<Post> old = fake.add(150, authors, TAG);

        cycle();
        assertThat(fake.searches()).hasSize(1);
        assertThat(storedIds()).hasSize(100).containsAll(ids(old.subList(50, 150)));
        assertThat(checkpoint()).isEqualTo(old.get(149).indexedAt().toString());

        List<Post> next = fake.add(250, authors, TAG);
        fake.clearRequests();
        cycle();
        assertThat(fake.searches()).extracting(r -> r.param("cursor")).containsExactly(null, "100", "200");
        assertThat(storedIds()).hasSize(350).containsAll(ids(next));
        assertThat(checkpoint()).isEqualTo(next.get(249).indexedAt().toString());

        List<Post> burst = fake.add(320, authors, TAG);
        fake.clearRequests();
        cycle();
        // three pages of 100 are all the head may read: the 20 oldest of the burst are a window, read
        // after the head between the old checkpoint and the oldest post the head read
        assertThat(fake.searches()).hasSize(4);
        assertThat(fake.searches().get(3).param("since")).isEqualTo(next.get(249).indexedAt().toString());
        assertThat(fake.searches().get(3).param("until")).isEqualTo(burst.get(20).indexedAt().toString());
        assertThat(storedIds()).hasSize(670).containsAll(ids(burst));
        assertThat(checkpoint()).isEqualTo(burst.get(319).indexedAt().toString());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gap_window", Integer.class)).isZero();
    }

    @Test
    void aBacklogOfFiveTimesThePageLimitIsReadCompletelyThroughItsWindow() {
        List<Author> authors = fake.authors(10);
        fake.add(5, authors, TAG);
        cycle();
        int servedBefore = fake.postsServed();
        List<Post> backlog = fake.add(1500, authors, TAG);

        int cycles = 0;
        do {
            cycle();
            cycles++;
        } while (jdbc.queryForObject("SELECT COUNT(*) FROM gap_window", Integer.class) > 0 && cycles < 10);

        assertStoredExactlyTheFakesPosts();
        assertThat(storedIds()).containsAll(ids(backlog));
        // three pages at the head, three in the window per cycle; since is inclusive, so each window
        // read also brings the post at its bottom, already stored
        assertThat(cycles).isEqualTo(5);
        // each backlog post once; and per cycle, the head's page down to its checkpoint and the window's bottom
        assertThat(fake.postsServed() - servedBefore).isLessThanOrEqualTo(1500 + cycles * (100 + 1));
    }

    @Test
    void laterCyclesStoreOnlyPostsIndexedAfterTheCheckpoint(CapturedOutput output) {
        List<Author> authors = fake.authors(2);
        List<Post> first = fake.add(3, authors, TAG);
        cycle();
        assertStoredExactlyTheFakesPosts();

        // removed from the store: were the source to send it again, it would be back
        jdbc.update("DELETE FROM post_tag WHERE post_id = ?", first.get(0).id());
        jdbc.update("DELETE FROM post WHERE id = ?", first.get(0).id());
        Post newer = fake.add(1, authors, TAG).get(0);
        cycle();
        assertThat(storedIds()).containsExactlyInAnyOrder(first.get(1).id(), first.get(2).id(), newer.id());
        assertThat(checkpoint()).isEqualTo(newer.indexedAt().toString());
        assertThat(output).contains("tag=sre source=bluesky read=4 new=1 duplicates=3 pages=1");

        cycle();
        assertThat(checkpoint()).isEqualTo(newer.indexedAt().toString());
        assertThat(storedIds()).hasSize(3);
    }

    @Test
    void followerCountsComeFromGetProfilesInBatchesOfAtMost25AndAreCached() {
        List<Author> authors = fake.authors(30);
        Author gone = authors.get(7);
        fake.hideProfile(gone);
        fake.add(30, authors, TAG);

        cycle();
        assertThat(fake.profileLookups()).hasSize(2)
                .allSatisfy(r -> assertThat(FakeBluesky.params(r, "actors")).hasSizeBetween(1, 25));
        assertThat(fake.profileLookups().stream().flatMap(r -> FakeBluesky.params(r, "actors").stream()))
                .containsExactlyInAnyOrderElementsOf(authors.stream().map(Author::did).toList());
        for (Author author : authors) {
            assertThat(followers(author)).as(author.did()).isEqualTo(author == gone ? 0 : author.followers());
        }

        Author newcomer = fake.author("Newcomer", 77);
        fake.add(authors.get(0), "again", List.of(TAG), List.of(), List.of("en"));
        Post latest = fake.add(authors.get(0), "and again", List.of(TAG), List.of(), List.of("en"));
        fake.add(newcomer, "hello", List.of(TAG), List.of(), List.of("en"));
        fake.clearRequests();
        cycle();
        assertThat(fake.profileLookups()).singleElement()
                .satisfies(r -> assertThat(FakeBluesky.params(r, "actors")).containsExactly(newcomer.did()));
        assertThat(followers(newcomer)).isEqualTo(77);
        assertThat(jdbc.queryForObject("SELECT seen_at FROM author WHERE id = ?", Long.class, authors.get(0).did()))
                .isEqualTo(latest.createdAt().toEpochMilli());
        assertStoredExactlyTheFakesPosts();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedOnceWithoutLosingPosts(CapturedOutput output) {
        List<Author> authors = fake.authors(5);
        fake.add(1, authors, TAG);
        cycle(); // a session exists from here on

        fake.add(150, authors, TAG);
        fake.fault(Fault.NONE, Fault.EXPIRE_TOKENS); // it expires between page 1 and page 2
        fake.clearRequests();
        cycle();
        assertThat(fake.sessionsRefreshed()).singleElement().satisfies(r -> assertThat(r.header("Authorization"))
                .startsWith("Bearer " + FakeBluesky.TOKEN_PREFIX + "refresh-"));
        assertThat(fake.sessionsCreated()).isEmpty();
        assertThat(fake.searches()).extracting(r -> r.param("cursor")).containsExactly(null, "100", "100");
        assertStoredExactlyTheFakesPosts();

        fake.add(1, authors, TAG);
        fake.expireAllTokens();
        fake.clearRequests();
        cycle();
        assertThat(fake.requests()).extracting(Request::path).startsWith(SEARCH,
                "/xrpc/com.atproto.server.refreshSession", "/xrpc/com.atproto.server.createSession", SEARCH);
        assertThat(fake.sessionsCreated()).hasSize(1);
        assertStoredExactlyTheFakesPosts();
        assertThat(output).doesNotContain(FakeBluesky.TOKEN_PREFIX).doesNotContain(FakeBluesky.APP_PASSWORD);
    }

    @Test
    void a429PausesTheSourceUntilItsResetAndNothingIsSentMeanwhile() throws Exception {
        List<Author> authors = fake.authors(3);
        fake.add(2, authors, TAG);
        cycle();
        fake.add(2, authors, TAG);
        fake.rateLimit(3000, Instant.now().plusSeconds(2));
        fake.fault(Fault.RATE_LIMIT);
        fake.clearRequests();

        cycle();
        assertThat(fake.requests()).hasSize(1);
        assertThat(status().path("state").asText()).isEqualTo("rate_limited");
        cycle();
        assertThat(fake.requests()).hasSize(1);
        assertThat(status().path("state").asText()).isEqualTo("rate_limited");
        assertThat(storedIds()).hasSize(2);

        sleepUntil(fake.rateLimitReset().plusMillis(100));
        cycle();
        assertStoredExactlyTheFakesPosts();
        assertThat(status().path("state").asText()).isEqualTo("ok");
    }

    @Test
    void aPageThatSpendsTheLastRequestOfTheWindowIsStillUsed() throws Exception {
        Author known = fake.author("Known", 10);
        fake.add(known, "first", List.of(TAG), List.of(), List.of("en"));
        cycle(); // known's follower count is cached from here on
        Post byKnown = fake.add(known, "second", List.of(TAG), List.of(), List.of("en"));
        Post byStranger = fake.add(fake.author("Stranger", 20), "third", List.of(TAG), List.of(), List.of("en"));
        fake.rateLimit(1, Instant.now().plusSeconds(2));
        fake.clearRequests();

        cycle();
        // the search answered RateLimit-Remaining: 0, so the stranger's profile is not asked for yet
        assertThat(fake.requests()).extracting(Request::path).containsExactly(SEARCH);
        assertThat(status().path("state").asText()).isEqualTo("rate_limited");
        assertThat(storedIds()).contains(byKnown.id()).doesNotContain(byStranger.id());
        assertThat(checkpoint()).isEqualTo(byStranger.indexedAt().minusMillis(1).toString());

        sleepUntil(fake.rateLimitReset().plusMillis(100));
        cycle();
        assertStoredExactlyTheFakesPosts();
        assertThat(followers(byStranger.author())).isEqualTo(20);
    }

    @Test
    void aRateLimitBetweenPagesKeepsTheCheckpointBeforeTheUnreadPages() throws Exception {
        List<Author> authors = fake.authors(5);
        fake.add(5, authors, TAG);
        cycle(); // their follower counts are cached from here on
        String before = checkpoint();
        fake.add(150, authors, TAG);
        fake.rateLimit(1, Instant.now().plusSeconds(2));
        fake.clearRequests();

        cycle();
        assertThat(fake.requests()).extracting(Request::path).containsExactly(SEARCH);
        assertThat(status().path("state").asText()).isEqualTo("rate_limited");
        assertThat(storedIds()).hasSize(105);
        assertThat(checkpoint()).isEqualTo(before);

        sleepUntil(fake.rateLimitReset().plusMillis(100));
        fake.clearRequests();
        cycle();
        assertThat(fake.searches()).extracting(r -> r.param("cursor")).containsExactly(null, "100");
        assertStoredExactlyTheFakesPosts();
    }

    @Test
    void a503IsRetriedWithinTheCycle() {
        fake.add(3, fake.authors(2), TAG);
        fake.fault(Fault.SERVER_ERROR);

        cycle();
        assertThat(fake.searches()).hasSize(2);
        assertStoredExactlyTheFakesPosts();
        assertThat(status().path("state").asText()).isEqualTo("ok");
    }

    @Test
    void aTruncatedAnswerFailsTheCycleAndTheNextOneRecovers() {
        List<Author> authors = fake.authors(2);
        fake.add(2, authors, TAG);
        cycle();
        String before = checkpoint();
        fake.add(3, authors, TAG);
        fake.fault(Fault.TRUNCATED, Fault.TRUNCATED, Fault.TRUNCATED); // the first try and both retries
        fake.clearRequests();

        cycle();
        assertThat(fake.searches()).hasSize(3);
        JsonNode status = status();
        assertThat(status.path("state").asText()).isEqualTo("error");
        SourceTesting.assertError(status, "malformed");
        assertThat(checkpoint()).isEqualTo(before);
        assertThat(storedIds()).hasSize(2);

        cycle();
        assertStoredExactlyTheFakesPosts();
        assertThat(status().path("state").asText()).isEqualTo("ok");
    }

    @Test
    void aRefusedAppPasswordMakesTheSourceUnauthorizedUntilAPersonActs(CapturedOutput output) {
        List<Author> authors = fake.authors(2);
        fake.add(1, authors, TAG);
        cycle();
        fake.add(1, authors, TAG);
        fake.revokeAppPassword();
        fake.clearRequests();

        cycle();
        assertThat(fake.requests()).extracting(Request::path).containsExactly(SEARCH,
                "/xrpc/com.atproto.server.refreshSession", "/xrpc/com.atproto.server.createSession");
        JsonNode status = status();
        assertThat(status.path("state").asText()).isEqualTo("unauthorized");
        SourceTesting.assertError(status, "unauthorized");
        assertThat(output.getOut()).contains("AuthenticationRequired").contains("BLUESKY_APP_PASSWORD");
        fake.clearRequests();
        cycle();
        assertThat(fake.requests()).isEmpty();
        assertThat(output).doesNotContain(FakeBluesky.TOKEN_PREFIX).doesNotContain(FakeBluesky.APP_PASSWORD);

        fake.restoreAppPassword(); // a person fixed it, and says so
        assertThat(new ApiClient(port).post("/api/v1/collect?tag=" + TAG, "Authorization", "Bearer " + ADMIN_TOKEN)
                .status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(this::assertStoredExactlyTheFakesPosts);
        assertThat(status().path("state").asText()).isEqualTo("ok");
    }

    @Test
    void anHtml403FromTheEdgeIsUnauthorizedWithAClearReason() {
        fake.add(1, fake.authors(1), TAG);
        fake.fault(Fault.HTML_FORBIDDEN);

        cycle();
        JsonNode status = status();
        assertThat(status.path("state").asText()).isEqualTo("unauthorized");
        SourceTesting.assertError(status, "unauthorized");
        assertThat(storedIds()).isEmpty();
    }

    @Test
    void aPostIndexedWhilePagingIsNeitherStoredTwiceNorLost() {
        List<Author> authors = fake.authors(5);
        fake.add(1, authors, TAG);
        cycle();
        List<Post> batch = fake.add(150, authors, TAG);
        fake.fault(Fault.NONE, Fault.INDEX_NEW_POST); // page 2 then starts with page 1's last post again

        CollectedBatch read = source.fetch(TAG, Checkpoints.of(checkpoint()));
        assertThat(read.postsRead()).isEqualTo(152);
        assertThat(read.posts()).extracting(io.tagwatch.post.Post::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids(batch));
        assertThat(read.checkpoints().only()).isEqualTo(batch.get(149).indexedAt().toString());

        cycle();
        assertStoredExactlyTheFakesPosts();
    }

    @Test
    void postsDatedFarAheadOrLongAgoStillMakeTimelinesOfAtMostTenThousandBuckets() {
        Author poster = fake.author("Time Traveller", 7);
        Post ahead = fake.addDated(poster, "from the future", List.of(TAG), Instant.parse("9999-12-31T23:00:00Z"));
        Post old = fake.addDated(fake.author("Historian", 3), "from 2024", List.of(TAG),
                Instant.parse("2024-01-01T00:00:00Z"));
        // Berlin's local mean time, +0:53:28 then, is off the quarter hours
        fake.addDated(fake.author("Antiquarian", 1), "from 1850", List.of(TAG), Instant.parse("1850-06-01T12:00:00Z"));
        Instant before = Instant.now();
        cycle();
        Instant after = Instant.now();

        // the post from the future is dated when Bluesky served it, and so is its author's snapshot
        Instant stored = Instant.ofEpochMilli(number(jdbc.queryForObject("SELECT created_at FROM post WHERE id = ?",
                Long.class, ahead.id())));
        assertThat(stored).isBetween(before.minusMillis(1), after);
        assertThat(number(jdbc.queryForObject("SELECT seen_at FROM author WHERE id = ?", Long.class,
                poster.did()))).isEqualTo(stored.toEpochMilli());
        assertThat(number(jdbc.queryForObject("SELECT created_at FROM post WHERE id = ?", Long.class, old.id())))
                .isEqualTo(old.createdAt().toEpochMilli());
        assertThat(registry.get("tagwatch.posts.future.dated").tag("source", "bluesky").counter().count())
                .isEqualTo(1.0);

        // 2024 to now is more hours than an answer holds: the newest ones, and where they start
        ApiClient api = new ApiClient(port);
        JsonNode timeline = api.getJson("/api/v1/stats/timeline?tag=" + TAG);
        assertThat(timeline.get("items")).hasSize(10_000);
        assertThat(timeline.get("truncated").asBoolean()).isTrue();
        assertThat(timeline.get("from").asText()).isEqualTo(timeline.get("items").get(0).get("start").asText());
        JsonNode last = timeline.get("items").get(9_999);
        assertThat(Instant.parse(last.get("start").asText())).isEqualTo(stored.truncatedTo(ChronoUnit.HOURS));
        assertThat(api.getJson("/api/v1/stats/timeline?tag=" + TAG + "&bucket=day").get("truncated").asBoolean())
                .isTrue();
        // a post the poster dated long ago does not make the zones of those days refuse a request without a range
        assertThat(api.get("/api/v1/stats/posts-by-hour?tz=Europe/Berlin&tag=" + TAG).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/stats/timeline?tz=Europe/Berlin&bucket=day").status()).isEqualTo(200);

        // the seed's route answers a bare array, so a header says it was cut
        HttpResponse<String> legacy = http("/api/statistics/tweets");
        assertThat(legacy.headers().firstValue("X-Tagwatch-Truncated")).hasValue("true");
        assertThat(api.get("/api/statistics/tweets").json()).hasSize(10_000);
    }

    private HttpResponse<String> http(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void cycle() {
        camel.send("direct:collect-cycle", e -> e.getMessage().setHeader("tag", TAG));
    }

    private List<String> storedIds() {
        return jdbc.queryForList("SELECT id FROM post WHERE source = 'bluesky' ORDER BY id", String.class);
    }

    private List<String> tagsOf(Post post) {
        return jdbc.queryForList("SELECT tag FROM post_tag WHERE source = 'bluesky' AND post_id = ? ORDER BY tag",
                String.class, post.id());
    }

    private long followers(Author author) {
        return jdbc.queryForObject("SELECT followers FROM author WHERE source = 'bluesky' AND id = ?", Long.class,
                author.did());
    }

    private String checkpoint() {
        return jdbc.query("SELECT position FROM checkpoint WHERE source = 'bluesky' AND tag = ?",
                rs -> rs.next() ? rs.getString(1) : null, TAG);
    }

    /** The bluesky entry of the tag in GET /api/v1/tags. */
    private JsonNode status() {
        for (JsonNode tag : new ApiClient(port).getJson("/api/v1/tags").path("items")) {
            if (tag.path("tag").asText().equals(TAG)) {
                for (JsonNode source : tag.path("sources")) {
                    if (source.path("source").asText().equals(BlueskySource.SOURCE)) {
                        return source;
                    }
                }
            }
        }
        throw new AssertionError("no bluesky status for tag " + TAG);
    }

    /** None lost, none stored twice, and the checkpoint at the newest of them. */
    private void assertStoredExactlyTheFakesPosts() {
        List<String> expected = fake.ids(TAG);
        assertThat(storedIds()).isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM post_tag WHERE source = 'bluesky' AND tag = ?",
                Long.class, TAG)).isEqualTo(expected.size());
        assertThat(checkpoint()).isEqualTo(fake.newestIndexedAt(TAG).toString());
    }

    private static List<String> ids(List<Post> posts) {
        return posts.stream().map(Post::id).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }
}
