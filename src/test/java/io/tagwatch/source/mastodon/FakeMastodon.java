package io.tagwatch.source.mastodon;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tagwatch.support.FakeUpstream;
import io.tagwatch.support.FakeUpstream.Reply;
import io.tagwatch.support.FakeUpstream.Request;

/**
 * One Mastodon instance's hashtag timeline, as the reference describes it: a JSON array newest first,
 * instance-local ids, min_id paging, Link headers, X-RateLimit-* with an ISO reset, and switchable
 * login-required answers (401 or 422). Statuses are federated: {@link #federate} gives this instance
 * its own local id for a status whose uri is shared with others.
 */
public final class FakeMastodon implements AutoCloseable {

    enum Fault { RATE_LIMIT, SERVER_ERROR, TRUNCATED }

    public record Status(String uri, Instant createdAt, String html, String language, List<String> tags, String username,
            String home, long followers, String location) {
    }

    private record Local(long id, Status status) {
    }

    /** Mastodon writes the reset as iso8601(6): microseconds, Z. */
    private static final java.time.format.DateTimeFormatter ISO_MICROS = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private final FakeUpstream http = new FakeUpstream();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Local> timeline = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile int loginRequired;
    private volatile String token;
    private volatile Instant reset = Instant.now().plusSeconds(300);
    private long nextId;

    public FakeMastodon(long firstId) {
        this.nextId = firstId;
        http.answer(this::reply);
    }

    public String url() {
        return http.baseUrl();
    }

    public List<Request> requests() {
        return http.requests("/api/v1/timelines/tag/");
    }

    public synchronized void federate(Status status) {
        nextId += 1 + (nextId % 3);
        timeline.add(new Local(nextId, status));
    }

    synchronized void fault(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** 401 or 422 for requests without this token; 0 serves everyone. */
    void requireLogin(int status, String acceptedToken) {
        this.loginRequired = status;
        this.token = acceptedToken;
    }

    void resetAt(Instant when) {
        this.reset = when;
    }

    private synchronized Reply reply(Request request) {
        if (loginRequired != 0 && (token == null || !("Bearer " + token).equals(request.header("Authorization")))) {
            return Reply.json(loginRequired, loginRequired == 401 ? "{\"error\":\"The access token is invalid\"}"
                    : "{\"error\":\"This method requires an authenticated user\"}");
        }
        Fault fault = faults.poll();
        Map<String, String> limits = Map.of("X-RateLimit-Limit", "300",
                "X-RateLimit-Remaining", fault == Fault.RATE_LIMIT ? "0" : "250", "X-RateLimit-Reset",
                ISO_MICROS.format(reset));
        if (fault == Fault.RATE_LIMIT) {
            return Reply.json(429, "{\"error\":\"Too many requests\"}").withHeaders(limits);
        }
        if (fault == Fault.SERVER_ERROR) {
            return Reply.json(503, "{\"error\":\"Remote data could not be fetched\"}");
        }
        if (fault == Fault.TRUNCATED) {
            return Reply.json(200, "[{\"id\":\"1\",\"uri\":\"https://x.example/1\",\"cont");
        }
        String tag = request.path().substring("/api/v1/timelines/tag/".length()).toLowerCase(Locale.ROOT);
        int limit = Math.min(40, Integer.parseInt(request.param("limit") == null ? "20" : request.param("limit")));
        String minId = request.param("min_id");
        String maxId = request.param("max_id");
        List<Local> matching = timeline.stream().filter(l -> l.status().tags().stream()
                .anyMatch(t -> t.equalsIgnoreCase(tag)))
                .filter(l -> maxId == null || l.id() < Long.parseLong(maxId)).toList();
        List<Local> page;
        if (minId == null) {
            page = matching.stream().sorted(Comparator.comparingLong(Local::id).reversed()).limit(limit).toList();
        } else {
            long after = Long.parseLong(minId);
            page = matching.stream().filter(l -> l.id() > after).sorted(Comparator.comparingLong(Local::id))
                    .limit(limit).sorted(Comparator.comparingLong(Local::id).reversed()).toList();
        }
        ArrayNode body = json.createArrayNode();
        page.forEach(l -> body.add(status(l)));
        Reply reply = Reply.json(200, body.toString()).withHeaders(limits);
        if (!page.isEmpty()) {
            String base = url() + request.path() + "?limit=" + limit;
            reply = reply.withHeaders(Map.of("Link", "<" + base + "&max_id=" + page.get(page.size() - 1).id()
                    + ">; rel=\"next\", <" + base + "&min_id=" + page.get(0).id() + ">; rel=\"prev\""));
        }
        return reply;
    }

    private ObjectNode status(Local local) {
        Status s = local.status();
        ObjectNode node = json.createObjectNode().put("id", Long.toString(local.id()))
                .put("created_at", s.createdAt().toString()).put("visibility", "public").put("uri", s.uri())
                .put("url", s.uri().replace("/users/", "/@").replace("/statuses/", "/")).put("content", s.html());
        if (s.language() == null) {
            node.putNull("language");
        } else {
            node.put("language", s.language());
        }
        String host = java.net.URI.create(s.home()).getHost();
        boolean local_ = host.equals(java.net.URI.create(url()).getHost() + "-never");
        ObjectNode account = node.putObject("account").put("id", Long.toString(local.id() * 7))
                .put("username", s.username()).put("acct", local_ ? s.username() : s.username() + "@" + host)
                .put("display_name", "The " + s.username()).put("url", s.home() + "/@" + s.username())
                .put("followers_count", s.followers()).put("following_count", 3).put("statuses_count", 10);
        ArrayNode fields = account.putArray("fields");
        fields.addObject().put("name", "Website").put("value", "<a href=\"https://example.org\">example.org</a>");
        if (s.location() != null) {
            fields.addObject().put("name", "Location").put("value", s.location());
        }
        ArrayNode tags = node.putArray("tags");
        s.tags().forEach(t -> tags.addObject().put("name", t.toLowerCase(Locale.ROOT))
                .put("url", url() + "/tags/" + t.toLowerCase(Locale.ROOT)));
        return node;
    }

    @Override
    public void close() {
        http.close();
    }
}
