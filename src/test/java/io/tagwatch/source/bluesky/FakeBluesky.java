package io.tagwatch.source.bluesky;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tagwatch.support.FakeUpstream;
import io.tagwatch.support.FakeUpstream.Reply;
import io.tagwatch.support.FakeUpstream.Request;

/**
 * A stateful stand-in for the Bluesky entryway, speaking the wire format of the reference (XRPC error
 * bodies, RateLimit-* headers with an epoch reset, cursor paging): createSession, refreshSession,
 * searchPosts and getProfiles. Sessions are real enough to expire, rotate and be revoked; the rate
 * limit window counts every request, as the PDS does per IP; faults can be queued for the next searches.
 */
final class FakeBluesky implements AutoCloseable {

    static final String HANDLE = "tagwatch-test.bsky.social";
    static final String APP_PASSWORD = "fake-app-pw-7kq2-xr9d";
    static final String TOKEN_PREFIX = "fake-jwt-";
    private static final int LIMIT = 3000;
    private static final int WINDOW_SECONDS = 300;
    private static final Instant EPOCH = Instant.parse("2026-11-20T10:00:00.004Z");
    private static final AtomicInteger AUTHORS = new AtomicInteger(); // across resets: DIDs are never reused

    /** What the next searchPosts requests meet, in order; NONE lets one through. */
    enum Fault { NONE, RATE_LIMIT, SERVER_ERROR, TRUNCATED, HTML_FORBIDDEN, EXPIRE_TOKENS, INDEX_NEW_POST }

    record Author(String did, String handle, String displayName, long followers) {
    }

    record Post(Author author, String rkey, String text, List<String> facetTags, List<String> recordTags,
            List<String> langs, Instant createdAt, Instant indexedAt) {

        String id() {
            return author.did() + ":" + rkey;
        }

        Set<String> hashtags() {
            Set<String> all = new LinkedHashSet<>();
            facetTags.forEach(t -> all.add(t.toLowerCase(Locale.ROOT)));
            recordTags.forEach(t -> all.add(t.toLowerCase(Locale.ROOT)));
            return all;
        }
    }

    private final FakeUpstream http = new FakeUpstream();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Post> posts = new ArrayList<>();
    private final Map<String, Author> authors = new HashMap<>();
    private final Set<String> hiddenProfiles = new HashSet<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Set<String> validAccess = new HashSet<>();
    private final Set<String> expiredAccess = new HashSet<>();
    private final Set<String> validRefresh = new HashSet<>();
    private final Set<String> expiredRefresh = new HashSet<>();
    private String password = APP_PASSWORD;
    private int tokens;
    private int indexed;
    private int remaining = LIMIT;
    private long resetEpoch = Instant.now().getEpochSecond() + WINDOW_SECONDS;

    private int served;

    FakeBluesky() {
        http.answer(this::reply);
    }

    String baseUrl() {
        return http.baseUrl();
    }

    List<Request> searches() {
        return http.requests("/xrpc/app.bsky.feed.searchPosts");
    }

    List<Request> profileLookups() {
        return http.requests("/xrpc/app.bsky.actor.getProfiles");
    }

    List<Request> sessionsCreated() {
        return http.requests("/xrpc/com.atproto.server.createSession");
    }

    List<Request> sessionsRefreshed() {
        return http.requests("/xrpc/com.atproto.server.refreshSession");
    }

    List<Request> requests() {
        return http.requests();
    }

    /** Every value of a repeated query parameter (actors=a&actors=b), decoded. */
    static List<String> params(Request request, String name) {
        List<String> values = new ArrayList<>();
        for (String pair : request.query() == null ? new String[0] : request.query().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Posts sent in search answers, in all. */
    synchronized int postsServed() {
        return served;
    }

    void clearRequests() {
        http.clear();
    }

    /** Forgets posts, faults, requests and the rate-limit window; the account and its sessions stay. */
    synchronized void reset() {
        posts.clear();
        faults.clear();
        hiddenProfiles.clear();
        http.clear();
        remaining = LIMIT;
        resetEpoch = Instant.now().getEpochSecond() + WINDOW_SECONDS;
    }

    synchronized Author author(String displayName, long followers) {
        int n = AUTHORS.incrementAndGet();
        Author author = new Author(String.format("did:plc:fake%020d", n), "user" + n + ".bsky.social", displayName,
                followers);
        authors.put(author.did(), author);
        return author;
    }

    synchronized List<Author> authors(int n) {
        List<Author> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(author("User " + (i + 1), 100 + 37L * (AUTHORS.get() % 1000)));
        }
        return made;
    }

    /** getProfiles leaves this author out, as it does for deleted and taken-down accounts. */
    synchronized void hideProfile(Author author) {
        hiddenProfiles.add(author.did());
    }

    /** A post indexed now (each one a second after the last), tagged by facets; newest last. */
    synchronized Post add(Author author, String text, List<String> facetTags, List<String> recordTags,
            List<String> langs) {
        indexed++;
        Instant indexedAt = EPOCH.plusSeconds(indexed);
        String body = text + facetTags.stream().map(t -> " #" + t).reduce("", String::concat);
        Post post = new Post(author, String.format("3m%011d", indexed), body, facetTags, recordTags, langs,
                indexedAt.minusMillis(700), indexedAt);
        posts.add(post);
        return post;
    }

    /** A post indexed now whose client claimed it was written at {@code createdAt}. */
    synchronized Post addDated(Author author, String text, List<String> facetTags, Instant createdAt) {
        Post post = add(author, text, facetTags, List.of(), List.of("en"));
        Post dated = new Post(post.author(), post.rkey(), post.text(), post.facetTags(), post.recordTags(),
                post.langs(), createdAt, post.indexedAt());
        posts.set(posts.size() - 1, dated);
        return dated;
    }

    /** n posts for the tags, by the given authors in turn. */
    synchronized List<Post> add(int n, List<Author> by, String... tags) {
        List<Post> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            added.add(add(by.get(i % by.size()), "post " + (indexed + 1), List.of(tags), List.of(), List.of("en")));
        }
        return added;
    }

    synchronized void fault(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** The rate-limit window: requests left in it, and when it resets. */
    synchronized void rateLimit(int remainingRequests, Instant reset) {
        remaining = remainingRequests;
        resetEpoch = reset.getEpochSecond();
    }

    synchronized Instant rateLimitReset() {
        return Instant.ofEpochSecond(resetEpoch);
    }

    /** Access tokens issued so far expire (as they do after 2 hours); refresh tokens still work. */
    synchronized void expireAccessTokens() {
        expiredAccess.addAll(validAccess);
        validAccess.clear();
    }

    /** Every token expires; only a new session helps. */
    synchronized void expireAllTokens() {
        expireAccessTokens();
        expiredRefresh.addAll(validRefresh);
        validRefresh.clear();
    }

    /** The account owner revoked the app password: its sessions end and it logs in no more. */
    synchronized void revokeAppPassword() {
        validAccess.clear();
        validRefresh.clear();
        password = "revoked-" + APP_PASSWORD;
    }

    synchronized void restoreAppPassword() {
        password = APP_PASSWORD;
    }

    synchronized List<String> ids(String tag) {
        return posts.stream().filter(p -> p.hashtags().contains(tag)).map(Post::id).sorted().toList();
    }

    synchronized Instant newestIndexedAt(String tag) {
        return posts.stream().filter(p -> p.hashtags().contains(tag)).map(Post::indexedAt)
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    private synchronized Reply reply(Request request) {
        long now = Instant.now().getEpochSecond();
        if (now >= resetEpoch) {
            remaining = LIMIT;
            resetEpoch = now + WINDOW_SECONDS;
        }
        Fault fault = request.path().equals("/xrpc/app.bsky.feed.searchPosts") ? faults.poll() : null;
        if (fault == Fault.RATE_LIMIT) {
            remaining = 0;
        }
        if (remaining == 0) {
            return error(429, "RateLimitExceeded", "Rate Limit Exceeded");
        }
        remaining--;
        return switch (request.path()) {
            case "/xrpc/com.atproto.server.createSession" -> createSession(request);
            case "/xrpc/com.atproto.server.refreshSession" -> refreshSession(request);
            case "/xrpc/app.bsky.feed.searchPosts" -> searchPosts(request, fault);
            case "/xrpc/app.bsky.actor.getProfiles" -> getProfiles(request);
            default -> error(501, "MethodNotImplemented", "Method Not Implemented");
        };
    }

    private Reply createSession(Request request) {
        JsonNode body;
        try {
            body = json.readTree(request.body());
        } catch (IOException e) {
            return error(400, "InvalidRequest", "Request body must be JSON");
        }
        if (!request.method().equals("POST") || body == null || !body.hasNonNull("identifier")
                || !body.hasNonNull("password")) {
            return error(400, "InvalidRequest", "Input must have the property \"identifier\"");
        }
        if (!HANDLE.equals(body.get("identifier").asText()) || !password.equals(body.get("password").asText())) {
            return error(401, "AuthenticationRequired", "Invalid identifier or password");
        }
        return session();
    }

    private Reply refreshSession(Request request) {
        String token = bearer(request);
        if (token == null) {
            return error(401, "AuthMissing", "Authentication Required");
        }
        if (expiredRefresh.contains(token)) {
            return error(400, "ExpiredToken", "Token has expired");
        }
        if (!validRefresh.remove(token)) {
            return error(400, "InvalidToken", "Token has been revoked");
        }
        return session();
    }

    private Reply session() {
        tokens++;
        String access = TOKEN_PREFIX + "access-" + tokens;
        String refresh = TOKEN_PREFIX + "refresh-" + tokens;
        validAccess.add(access);
        validRefresh.add(refresh);
        ObjectNode body = json.createObjectNode().put("accessJwt", access).put("refreshJwt", refresh)
                .put("handle", HANDLE).put("did", "did:plc:tagwatchtestaccount00").put("active", true);
        return reply(200, body.toString());
    }

    /** Null when the access token is good, else the XRPC error the PDS answers. */
    private Reply unauthenticated(Request request) {
        String token = bearer(request);
        if (token == null) {
            return error(401, "AuthMissing", "Authentication Required");
        }
        if (expiredAccess.contains(token)) {
            return error(400, "ExpiredToken", "Token has expired");
        }
        return validAccess.contains(token) ? null : error(401, "InvalidToken", "Token could not be verified");
    }

    private Reply searchPosts(Request request, Fault fault) {
        if (fault == Fault.EXPIRE_TOKENS) {
            expireAccessTokens();
        }
        Reply refused = unauthenticated(request);
        if (refused != null) {
            return refused;
        }
        if (fault == Fault.SERVER_ERROR) {
            return error(503, "UpstreamFailure", "Upstream Failure");
        }
        if (fault == Fault.HTML_FORBIDDEN) {
            return new Reply(403, Map.of("Content-Type", "text/html"), "<html><head><title>403 Forbidden</title>"
                    + "</head><body><h1>403 Forbidden</h1><p>Request forbidden by administrative rules.</p></body>"
                    + "</html>", 0).withHeaders(limits());
        }
        String q = request.param("q");
        if (q == null || q.isBlank()) {
            return error(400, "InvalidRequest", "Error: Params must have the property \"q\"");
        }
        int limit;
        try {
            limit = request.param("limit") == null ? 25 : Integer.parseInt(request.param("limit"));
        } catch (NumberFormatException e) {
            return error(400, "InvalidRequest", "Error: limit must be an integer");
        }
        if (limit < 1 || limit > 100) {
            return error(400, "InvalidRequest", "Error: limit can not be " + (limit < 1 ? "less than 1" : "greater than 100"));
        }
        Set<String> wanted = new HashSet<>();
        params(request, "tag").forEach(t -> wanted.add(t.toLowerCase(Locale.ROOT)));
        if (q.startsWith("#")) {
            wanted.add(q.substring(1).toLowerCase(Locale.ROOT));
        }
        if (fault == Fault.INDEX_NEW_POST) {
            add(authors(1).get(0), "indexed while you paged", List.copyOf(wanted), List.of(), List.of("en"));
        }
        Instant since;
        Instant until;
        try {
            since = request.param("since") == null ? null : Instant.parse(request.param("since"));
            until = request.param("until") == null ? null : Instant.parse(request.param("until"));
        } catch (java.time.DateTimeException e) {
            return error(400, "InvalidRequest", "Error: since and until must be datetimes");
        }
        // since is inclusive and until exclusive, on sortAt, which is indexedAt here
        List<Post> matching = posts.stream().filter(p -> p.hashtags().containsAll(wanted))
                .filter(p -> q.startsWith("#") || p.text().contains(q))
                .filter(p -> since == null || !p.indexedAt().isBefore(since))
                .filter(p -> until == null || p.indexedAt().isBefore(until))
                .sorted(Comparator.comparing(Post::indexedAt).reversed()).toList();
        int offset = request.param("cursor") == null ? 0 : Integer.parseInt(request.param("cursor"));
        List<Post> page = matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
        ObjectNode body = json.createObjectNode();
        ArrayNode views = body.putArray("posts");
        page.forEach(p -> views.add(view(p)));
        served += page.size();
        if (offset + limit < matching.size()) {
            body.put("cursor", Integer.toString(offset + limit));
        }
        body.put("hitsTotal", matching.size());
        String text = body.toString();
        return reply(200, fault == Fault.TRUNCATED ? text.substring(0, text.length() / 2) : text);
    }

    private Reply getProfiles(Request request) {
        Reply refused = unauthenticated(request);
        if (refused != null) {
            return refused;
        }
        List<String> actors = params(request, "actors");
        if (actors.isEmpty()) {
            return error(400, "InvalidRequest", "Error: Params must have the property \"actors\"");
        }
        if (actors.size() > 25) {
            return error(400, "InvalidRequest", "Error: actors must not have more than 25 elements");
        }
        ObjectNode body = json.createObjectNode();
        ArrayNode profiles = body.putArray("profiles");
        for (String actor : actors) {
            Author a = authors.get(actor);
            if (a != null && !hiddenProfiles.contains(a.did())) {
                profiles.addObject().put("did", a.did()).put("handle", a.handle()).put("displayName", a.displayName())
                        .put("followersCount", a.followers()).put("followsCount", 12).put("postsCount", 340)
                        .put("indexedAt", "2026-01-02T03:04:05.678Z").put("createdAt", "2024-11-16T21:07:24.870Z")
                        .putArray("labels");
            }
        }
        return reply(200, body.toString());
    }

    private ObjectNode view(Post p) {
        ObjectNode view = json.createObjectNode();
        view.put("uri", "at://" + p.author().did() + "/app.bsky.feed.post/" + p.rkey())
                .put("cid", "bafyreifake" + p.rkey());
        ObjectNode author = view.putObject("author").put("did", p.author().did()).put("handle", p.author().handle());
        if (p.author().displayName() != null) {
            author.put("displayName", p.author().displayName());
        }
        author.putArray("labels");
        author.put("createdAt", "2024-11-16T21:07:24.870Z");
        ObjectNode record = view.putObject("record").put("$type", "app.bsky.feed.post").put("text", p.text())
                .put("createdAt", p.createdAt().toString());
        if (!p.langs().isEmpty()) {
            ArrayNode langs = record.putArray("langs");
            p.langs().forEach(langs::add);
        }
        if (!p.facetTags().isEmpty()) {
            ArrayNode facets = record.putArray("facets");
            for (String tag : p.facetTags()) {
                int at = p.text().indexOf("#" + tag);
                int start = p.text().substring(0, at).getBytes(StandardCharsets.UTF_8).length;
                ObjectNode facet = facets.addObject();
                facet.putObject("index").put("byteStart", start)
                        .put("byteEnd", start + ("#" + tag).getBytes(StandardCharsets.UTF_8).length);
                facet.putArray("features").addObject().put("$type", "app.bsky.richtext.facet#tag").put("tag", tag);
            }
        }
        if (!p.recordTags().isEmpty()) {
            ArrayNode tags = record.putArray("tags");
            p.recordTags().forEach(tags::add);
        }
        view.put("replyCount", 0).put("repostCount", 1).put("likeCount", 3).put("quoteCount", 0)
                .put("bookmarkCount", 0).put("indexedAt", p.indexedAt().toString());
        view.putArray("labels");
        return view;
    }

    private static String bearer(Request request) {
        String header = request.header("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
    }

    private Reply error(int status, String name, String message) {
        return reply(status, json.createObjectNode().put("error", name).put("message", message).toString());
    }

    private Reply reply(int status, String body) {
        return Reply.json(status, body).withHeaders(limits());
    }

    private Map<String, String> limits() {
        return Map.of("RateLimit-Limit", Integer.toString(LIMIT), "RateLimit-Remaining", Integer.toString(remaining),
                "RateLimit-Reset", Long.toString(resetEpoch), "RateLimit-Policy", LIMIT + ";w=" + WINDOW_SECONDS);
    }

    @Override
    public void close() {
        http.close();
    }
}
