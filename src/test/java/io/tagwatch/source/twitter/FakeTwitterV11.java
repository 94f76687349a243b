package io.tagwatch.source.twitter;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tagwatch.support.FakeUpstream;
import io.tagwatch.support.FakeUpstream.Reply;
import io.tagwatch.support.FakeUpstream.Request;

/**
 * A stateful stand-in for X API v1.1 {@code GET search/tweets.json}, speaking the wire format of the
 * reference (§1.11: statuses + search_metadata, created_at like "Fri Jul 12 23:40:37 +0000 2019",
 * x-rate-limit-* headers). It checks each request's OAuth 1.0a HMAC-SHA1 signature against the four
 * credentials, so the secrets must reach twitter4j intact, and answers like v1.1 search: the newest
 * {@code count} (default 15) matching statuses, since_id honoured if it ever arrives. Faults queued by a
 * test answer the next requests.
 */
final class FakeTwitterV11 implements AutoCloseable {

    // characters that an encoding step on their way would mangle: the signature would not match
    static final String CONSUMER_KEY = "SECRET-twitter-key-3c2b";
    static final String CONSUMER_SECRET = "SECRET-twitter-key-secret+/=&9f8e";
    static final String ACCESS_TOKEN = "1234-SECRET-twitter-token-5a4b";
    static final String ACCESS_TOKEN_SECRET = "SECRET-twitter-token-secret+/=&7d6c";
    static final String SEARCH = "/1.1/search/tweets.json";

    enum Fault { NO_V11_ACCESS, RATE_LIMIT, TRUNCATED, TIMEOUT }

    record Status(long id, Instant createdAt, String text, List<String> hashtags, long userId, Status retweetOf) {
    }

    private static final DateTimeFormatter CREATED_AT =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.US).withZone(ZoneOffset.UTC);
    private static final Pattern OAUTH_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final FakeUpstream http = new FakeUpstream();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Status> statuses = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile long resetEpoch = Instant.now().plusSeconds(900).getEpochSecond();
    private int remaining = 180;
    private long nextId = 1_850_000_000_000_000_000L;

    FakeTwitterV11() {
        http.answer(this::reply);
    }

    /** What tagwatch.twitter.rest-base-url points at. */
    String restBaseUrl() {
        return http.baseUrl() + "/1.1/";
    }

    List<Request> searches() {
        return http.requests(SEARCH);
    }

    synchronized void fault(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** When the rate-limit window of the next 429 resets. */
    void rateLimitResetsAt(Instant reset) {
        this.resetEpoch = reset.getEpochSecond();
    }

    /** Adds n statuses with the hashtags, newest last; authors cycle through a few users. */
    synchronized List<Status> add(int n, String... hashtags) {
        List<Status> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = nextId();
            String text = "status " + id + " " + String.join(" ", List.of(hashtags).stream().map(h -> "#" + h).toList());
            added.add(add(new Status(id, createdAt(id), text, List.of(hashtags), 100 + id / 4_194_304_000L % 5, null)));
        }
        return added;
    }

    /** A retweet of the status, by another user: the search finds it by the original's hashtags. */
    synchronized Status retweet(Status original) {
        long id = nextId();
        return add(new Status(id, createdAt(id), "RT @user_" + original.userId() + ": " + original.text(),
                original.hashtags(), 999, original));
    }

    /** The ids of the original statuses (no retweets) with the hashtag, oldest first. */
    synchronized List<String> idsFor(String tag) {
        return statuses.stream().filter(s -> s.retweetOf() == null && hasTag(s, tag))
                .map(s -> Long.toString(s.id())).toList();
    }

    /** The id of the newest status, retweets included, with the hashtag. */
    synchronized String newestIdFor(String tag) {
        return statuses.stream().filter(s -> hasTag(s, tag)).map(s -> Long.toString(s.id()))
                .reduce((a, b) -> b).orElseThrow();
    }

    private long nextId() {
        nextId += 4_194_304L * 1_000; // snowflakes: time in the high bits
        return nextId;
    }

    private static Instant createdAt(long id) {
        return Instant.parse("2026-11-20T08:00:00Z").plusSeconds(id / 4_194_304_000L % 100_000);
    }

    private Status add(Status status) {
        statuses.add(status);
        return status;
    }

    private static boolean hasTag(Status status, String tag) {
        return status.hashtags().stream().anyMatch(h -> h.equalsIgnoreCase(tag));
    }

    private synchronized Reply reply(Request request) {
        if (!request.path().equals(SEARCH)) {
            return error(404, 34, "Sorry, that page does not exist.");
        }
        if (!signedByUs(request)) {
            return error(401, 32, "Could not authenticate you.");
        }
        Fault fault = faults.poll();
        if (fault == Fault.NO_V11_ACCESS) {
            return error(403, 453, "You currently have access to a subset of Twitter API v2 endpoints and limited"
                    + " v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need"
                    + " a different access level. You can learn more here: https://developer.twitter.com/en/portal/product");
        }
        if (fault == Fault.RATE_LIMIT) {
            remaining = 0;
            return error(429, 88, "Rate limit exceeded").withHeaders(limits());
        }
        if (fault == Fault.TRUNCATED) {
            return Reply.json(200, "{\"statuses\":[{\"created_at\":\"Fri Nov 20 08:00:00 +0000 2026\",\"id\":18");
        }
        remaining = Math.max(0, remaining - 1);
        Reply answer = Reply.json(200, search(request)).withHeaders(limits());
        return fault == Fault.TIMEOUT ? answer.delayed(1500) : answer;
    }

    private String search(Request request) {
        String q = request.param("q");
        String tag = q.startsWith("#") ? q.substring(1) : q;
        long sinceId = request.param("since_id") == null ? 0 : Long.parseLong(request.param("since_id"));
        int count = request.param("count") == null ? 15 : Math.min(100, Integer.parseInt(request.param("count")));
        List<Status> matching = statuses.stream().filter(s -> hasTag(s, tag) && s.id() > sinceId)
                .sorted(Comparator.comparingLong(Status::id).reversed()).toList();
        List<Status> page = matching.subList(0, Math.min(count, matching.size()));

        ObjectNode root = json.createObjectNode();
        ArrayNode array = root.putArray("statuses");
        page.forEach(s -> array.add(status(s)));
        long maxId = page.isEmpty() ? 0 : page.get(0).id();
        ObjectNode meta = root.putObject("search_metadata").put("completed_in", 0.021)
                .put("max_id", maxId).put("max_id_str", Long.toString(maxId))
                .put("query", encode(q)).put("count", count).put("since_id", sinceId)
                .put("since_id_str", Long.toString(sinceId))
                .put("refresh_url", "?since_id=" + maxId + "&q=" + encode(q) + "&include_entities=1");
        if (matching.size() > page.size()) {
            meta.put("next_results", "?max_id=" + (page.get(page.size() - 1).id() - 1) + "&q=" + encode(q)
                    + "&count=" + count + "&include_entities=1");
        }
        return root.toString();
    }

    private ObjectNode status(Status s) {
        ObjectNode node = json.createObjectNode().put("created_at", CREATED_AT.format(s.createdAt()))
                .put("id", s.id()).put("id_str", Long.toString(s.id())).put("full_text", s.text())
                .put("truncated", false);
        node.putArray("display_text_range").add(0).add(s.text().length());
        ObjectNode entities = node.putObject("entities");
        ArrayNode hashtags = entities.putArray("hashtags");
        for (String h : s.hashtags()) {
            int at = s.text().indexOf("#" + h);
            ObjectNode hashtag = hashtags.addObject().put("text", h);
            hashtag.putArray("indices").add(at).add(at + h.length() + 1);
        }
        entities.putArray("symbols");
        entities.putArray("user_mentions");
        entities.putArray("urls");
        node.putObject("metadata").put("iso_language_code", "en").put("result_type", "recent");
        node.put("lang", "en");
        node.set("user", user(s.userId()));
        node.putNull("geo").putNull("coordinates").putNull("place");
        if (s.retweetOf() != null) {
            node.set("retweeted_status", status(s.retweetOf()));
        }
        return node.put("retweet_count", 0).put("favorite_count", 0).put("retweeted", false)
                .put("favorited", false);
    }

    private ObjectNode user(long id) {
        return json.createObjectNode().put("id", id).put("id_str", Long.toString(id)).put("name", "User " + id)
                .put("screen_name", "user_" + id).put("location", "Lisbon, Portugal")
                .put("followers_count", 1000 + id).put("friends_count", 10).put("statuses_count", 1234)
                .put("verified", false).put("created_at", "Wed Aug 29 11:56:16 +0000 2012");
    }

    private Map<String, String> limits() {
        return Map.of("x-rate-limit-limit", "180", "x-rate-limit-remaining", Integer.toString(remaining),
                "x-rate-limit-reset", Long.toString(resetEpoch));
    }

    private static Reply error(int status, int code, String message) {
        return Reply.json(status, "{\"errors\":[{\"message\":\"" + message + "\",\"code\":" + code + "}]}");
    }

    /** OAuth 1.0a (RFC 5849 §3.4): HMAC-SHA1 over the method, URL and sorted parameters. */
    private boolean signedByUs(Request request) {
        String header = request.header("Authorization");
        if (header == null || !header.startsWith("OAuth ")) {
            return false;
        }
        Map<String, String> oauth = new TreeMap<>();
        Matcher m = OAUTH_PARAM.matcher(header);
        while (m.find()) {
            oauth.put(m.group(1), URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
        }
        String signature = oauth.remove("oauth_signature");
        if (signature == null || !CONSUMER_KEY.equals(oauth.get("oauth_consumer_key"))
                || !ACCESS_TOKEN.equals(oauth.get("oauth_token"))) {
            return false;
        }
        List<String> params = new ArrayList<>();
        oauth.forEach((k, v) -> params.add(encode(k) + "=" + encode(v)));
        for (String pair : request.query() == null ? new String[0] : request.query().split("&")) {
            int eq = pair.indexOf('=');
            params.add(encode(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8)) + "="
                    + encode(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        }
        params.sort(Comparator.naturalOrder());
        String base = request.method() + "&" + encode(http.baseUrl() + request.path()) + "&"
                + encode(String.join("&", params));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((encode(CONSUMER_SECRET) + "&" + encode(ACCESS_TOKEN_SECRET))
                    .getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)))
                    .equals(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    @Override
    public void close() {
        http.close();
    }
}
