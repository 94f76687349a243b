package io.tagwatch.source.x;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tagwatch.support.FakeUpstream;
import io.tagwatch.support.FakeUpstream.Reply;
import io.tagwatch.support.FakeUpstream.Request;

/**
 * A stateful stand-in for X API v2 recent search and its app-only token endpoint, speaking the wire
 * format of the reference (data/includes/meta, problem bodies, x-rate-limit-* headers, next_token
 * paging, since_id/until_id and start_time/end_time, one of each pair), with faults a test can queue for
 * the next requests. Post ids are Snowflake ids of their creation time, as X's are, and only the last
 * 7 days are served: a start_time or since_id older than that is a 400, as X documents.
 */
public final class FakeX implements AutoCloseable {

    public static final String API_KEY = "fake-x-api-key";
    public static final String API_SECRET = "fake-x-api-secret-0123456789";

    public enum Fault { RATE_LIMIT, SERVER_ERROR, TIMEOUT, TRUNCATED, UNAUTHORIZED, CLIENT_FORBIDDEN, USAGE_CAP, CREDITS,
        EXPIRE_TOKEN, IGNORE_SINCE_ID }

    public record Post(String id, Instant createdAt, String text, List<String> hashtags, String authorId) {
    }

    private final FakeUpstream http = new FakeUpstream();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Post> posts = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();
    private volatile String validToken;
    private volatile int remaining = 450;
    private volatile long resetEpoch = Instant.now().plusSeconds(900).getEpochSecond();
    private static final long TWEPOCH = 1_288_834_974_657L;
    static final java.time.Duration SERVED = java.time.Duration.ofDays(7);
    private long lastMillis;
    private long sequence;

    private volatile java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(0);

    public FakeX() {
        http.answer(request -> {
            if (request.path().equals("/2/tweets/search/recent")) {
                awaitRelease();
            }
            return reply(request);
        });
    }

    /** Searches get no answer until {@link #release()}, as from an upstream that is stuck. */
    public void hold() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    private void awaitRelease() {
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String baseUrl() {
        return http.baseUrl();
    }

    public List<Request> searches() {
        return http.requests("/2/tweets/search/recent");
    }

    /** Posts sent in answers to searches, each time sent: what X bills. */
    public int postsServed() {
        return served.get();
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Serve this static bearer token (X_BEARER_TOKEN) without a call to /oauth2/token. */
    public void acceptToken(String token) {
        this.validToken = token;
    }

    public synchronized void clearFaults() {
        faults.clear();
    }

    public synchronized void fault(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** x-rate-limit-remaining for the next answers, and when the window resets. */
    public void rateLimit(int remainingRequests, Instant reset) {
        this.remaining = remainingRequests;
        this.resetEpoch = reset.getEpochSecond();
    }

    /** Adds n posts for the hashtags, made now, a millisecond apart, newest last; authors cycle through a few users. */
    public synchronized List<Post> add(int n, String... hashtags) {
        return addAt(Instant.now(), n, hashtags);
    }

    /**
     * Adds n posts made from {@code at} on, a millisecond apart (and never before a post added earlier
     * unless {@code at} is), newest last.
     */
    public synchronized List<Post> addAt(Instant at, int n, String... hashtags) {
        List<Post> added = new ArrayList<>();
        long millis = at.toEpochMilli() > lastMillis || at.toEpochMilli() < lastMillis - 60_000 ? at.toEpochMilli()
                : lastMillis + 1;
        for (int i = 0; i < n; i++, millis++) {
            long id = ((millis - TWEPOCH) << 22) | (sequence++ & 0x3F_FFFFL);
            Post post = new Post(Long.toString(id), Instant.ofEpochMilli(millis),
                    "post " + id + " " + String.join(" ", List.of(hashtags).stream().map(h -> "#" + h).toList()),
                    List.of(hashtags), "u" + (sequence % 7));
            posts.add(post);
            added.add(post);
        }
        lastMillis = Math.max(lastMillis, millis - 1);
        return added;
    }

    public synchronized List<Post> postsFor(String tag) {
        return posts.stream().filter(p -> p.hashtags().stream().anyMatch(h -> h.equalsIgnoreCase(tag))).toList();
    }

    /** The follower count every page reports for this author. */
    public static long followers(String authorId) {
        return 100 + authorId.hashCode() % 50;
    }

    public synchronized List<String> idsFor(String tag) {
        return posts.stream().filter(p -> p.hashtags().stream().anyMatch(h -> h.equalsIgnoreCase(tag)))
                .map(Post::id).toList();
    }

    private synchronized Reply reply(Request request) {
        if (request.path().equals("/oauth2/token")) {
            return token(request);
        }
        if (!request.path().equals("/2/tweets/search/recent")) {
            return Reply.json(404, "{\"title\":\"Not Found Error\",\"type\":\"about:blank\",\"status\":404}");
        }
        Fault fault = faults.poll();
        if (fault == Fault.EXPIRE_TOKEN) {
            validToken = null;
        }
        String auth = request.header("Authorization");
        if (auth == null || validToken == null || !auth.equals("Bearer " + validToken) || fault == Fault.UNAUTHORIZED) {
            return Reply.json(401, "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,\"detail\":\"Unauthorized\"}")
                    .withHeaders(Map.of("Content-Type", "application/problem+json"));
        }
        if (fault != null) {
            Reply faulty = faulty(fault);
            if (faulty != null) {
                return faulty;
            }
        }
        int max = Integer.parseInt(request.param("max_results") == null ? "10" : request.param("max_results"));
        if (max < 10 || max > 100) {
            return Reply.json(400, "{\"errors\":[{\"parameters\":{\"max_results\":[\"" + max + "\"]},\"message\":"
                    + "\"The `max_results` query parameter value [" + max + "] is not between 10 and 100\"}],"
                    + "\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request was invalid.\","
                    + "\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
        }
        String query = request.param("query");
        String tag = query.substring(1, query.indexOf(' ')).toLowerCase(Locale.ROOT);
        String sinceId = fault == Fault.IGNORE_SINCE_ID ? null : request.param("since_id"); // old posts again
        String untilId = request.param("until_id");
        Instant now = Instant.now();
        Instant oldest = now.minus(SERVED);
        Instant start;
        Instant end;
        try {
            start = request.param("start_time") == null ? null : Instant.parse(request.param("start_time"));
            end = request.param("end_time") == null ? null : Instant.parse(request.param("end_time"));
        } catch (java.time.DateTimeException e) {
            return invalid("start_time", "is not an RFC 3339 time");
        }
        if (sinceId != null && start != null || untilId != null && end != null) {
            return invalid("since_id", "at most one of since_id and start_time, and of until_id and end_time");
        }
        if (start != null && (start.isBefore(oldest) || start.getNano() != 0)) {
            return invalid("start_time", "must be a whole second within the last 7 days");
        }
        if (sinceId != null && snowflakeTime(sinceId).isBefore(oldest)) {
            return invalid("since_id", "must be a post id created within the last 7 days");
        }
        if (end != null && (end.isAfter(now.minusSeconds(10)) || end.getNano() != 0)) {
            return invalid("end_time", "must be a whole second at least 10 seconds before the request");
        }
        // the token names the oldest post served so far: the next page continues below it, as X's own
        // tokens do, whatever was posted since
        String below = request.param("next_token") == null ? null : request.param("next_token").substring(4);
        List<Post> matching = posts.stream()
                .filter(p -> p.hashtags().stream().anyMatch(h -> h.equalsIgnoreCase(tag)))
                .filter(p -> !p.createdAt().isBefore(oldest))
                .filter(p -> sinceId == null || Long.parseLong(p.id()) > Long.parseLong(sinceId))
                .filter(p -> untilId == null || Long.parseLong(p.id()) < Long.parseLong(untilId))
                .filter(p -> start == null || !p.createdAt().isBefore(start))
                .filter(p -> end == null || p.createdAt().isBefore(end))
                .filter(p -> below == null || Long.parseLong(p.id()) < Long.parseLong(below))
                .sorted(Comparator.comparing((Post p) -> Long.parseLong(p.id())).reversed()).toList();
        List<Post> page = matching.subList(0, Math.min(max, matching.size()));
        remaining = Math.max(0, remaining - 1);
        served.addAndGet(page.size());
        return Reply.json(200, page(page, max < matching.size() ? "tok-" + page.get(page.size() - 1).id() : null))
                .withHeaders(limits());
    }

    private static Instant snowflakeTime(String id) {
        return Instant.ofEpochMilli((Long.parseLong(id) >> 22) + TWEPOCH);
    }

    private static Reply invalid(String parameter, String message) {
        return Reply.json(400, "{\"errors\":[{\"parameters\":{\"" + parameter + "\":[\"\"]},\"message\":\"" + parameter + " "
                + message + "\"}],\"title\":\"Invalid Request\",\"detail\":\"One or more parameters to your request"
                + " was invalid.\",\"type\":\"https://api.twitter.com/2/problems/invalid-request\"}");
    }

    private Reply faulty(Fault fault) {
        return switch (fault) {
            case RATE_LIMIT -> Reply.json(429, "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\","
                    + "\"type\":\"about:blank\",\"status\":429}").withHeaders(Map.of("x-rate-limit-limit", "450",
                    "x-rate-limit-remaining", "0", "x-rate-limit-reset", Long.toString(resetEpoch),
                    "Content-Type", "application/problem+json"));
            case SERVER_ERROR -> Reply.json(503, "{\"title\":\"Service Unavailable\",\"type\":\"about:blank\",\"status\":503}");
            case TIMEOUT -> Reply.json(200, page(List.of(), null)).delayed(1500);
            case TRUNCATED -> Reply.json(200, "{\"data\":[{\"id\":\"1\",\"text\":\"cut sh");
            case CLIENT_FORBIDDEN -> Reply.json(403, "{\"client_id\":\"27316216\",\"detail\":\"When authenticating requests"
                    + " to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is"
                    + " attached to a Project.\",\"title\":\"Client Forbidden\",\"reason\":\"client-not-enrolled\","
                    + "\"type\":\"https://api.twitter.com/2/problems/client-forbidden\"}");
            case USAGE_CAP -> Reply.json(429, "{\"account_id\":\"1\",\"product_name\":\"standard-basic\",\"title\":"
                    + "\"UsageCapExceeded\",\"period\":\"Monthly\",\"scope\":\"Product\",\"detail\":\"Usage cap exceeded:"
                    + " Monthly product cap\",\"type\":\"https://api.twitter.com/2/problems/usage-capped\"}");
            case CREDITS -> Reply.json(402, "{\"account_id\":1243608864848629761,\"title\":\"CreditsDepleted\",\"detail\":"
                    + "\"Your enrolled account [1243608864848629761] does not have any credits to fulfill this request.\","
                    + "\"type\":\"https://api.twitter.com/2/problems/credits\"}");
            default -> null;
        };
    }

    private Reply token(Request request) {
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((API_KEY + ":" + API_SECRET).getBytes());
        if (!expected.equals(request.header("Authorization")) || !request.body().contains("grant_type=client_credentials")) {
            return Reply.json(403, "{\"errors\":[{\"code\":99,\"label\":\"authenticity_token_error\","
                    + "\"message\":\"Unable to verify your credentials\"}]}");
        }
        if (validToken == null) {
            validToken = "AAAAAAAAAAAAAAAAAAAAA" + tokensIssued.incrementAndGet() + "%3Dfake";
        }
        return Reply.json(200, "{\"token_type\":\"bearer\",\"access_token\":\"" + validToken + "\"}");
    }

    private Map<String, String> limits() {
        return Map.of("x-rate-limit-limit", "450", "x-rate-limit-remaining", Integer.toString(remaining),
                "x-rate-limit-reset", Long.toString(resetEpoch));
    }

    private String page(List<Post> page, String nextToken) {
        ObjectNode root = json.createObjectNode();
        ObjectNode meta = json.createObjectNode();
        if (!page.isEmpty()) {
            ArrayNode data = root.putArray("data");
            Map<String, ObjectNode> users = new LinkedHashMap<>();
            for (Post p : page) {
                ObjectNode post = data.addObject().put("id", p.id()).put("text", p.text())
                        .put("created_at", p.createdAt().truncatedTo(ChronoUnit.MILLIS).toString())
                        .put("lang", "en").put("author_id", p.authorId());
                post.putArray("edit_history_tweet_ids").add(p.id());
                ArrayNode tags = post.putObject("entities").putArray("hashtags");
                int at = p.text().indexOf('#');
                for (String h : p.hashtags()) {
                    tags.addObject().put("start", at).put("end", at + h.length() + 1).put("tag", h);
                    at += h.length() + 2;
                }
                users.computeIfAbsent(p.authorId(), id -> {
                    ObjectNode user = json.createObjectNode().put("id", id).put("name", "User " + id)
                            .put("username", "user_" + id).put("location", "Lisbon, Portugal");
                    user.putObject("public_metrics").put("followers_count", followers(id))
                            .put("following_count", 1).put("tweet_count", 1).put("listed_count", 0);
                    return user;
                });
            }
            ArrayNode userArray = root.putObject("includes").putArray("users");
            users.values().forEach(userArray::add);
            meta.put("newest_id", page.get(0).id()).put("oldest_id", page.get(page.size() - 1).id());
        }
        meta.put("result_count", page.size());
        if (nextToken != null) {
            meta.put("next_token", nextToken);
        }
        root.set("meta", meta);
        return root.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
