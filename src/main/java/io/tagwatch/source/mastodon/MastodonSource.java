package io.tagwatch.source.mastodon;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.config.TagwatchProperties.Mastodon.Instance;
import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.RateLimits;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamClient;
import io.tagwatch.source.UpstreamException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Mastodon public hashtag timelines, on every configured instance. Each instance has its own min_id
 * checkpoint (upstream {@code scheme://host[:port]}) and its own gate, so one instance that wants a login
 * or rate-limits us does not stop the others. Statuses seen on several instances are one post.
 */
@Component
public class MastodonSource extends PostSource {

    private static final Logger log = LoggerFactory.getLogger(MastodonSource.class);
    private static final int LIMIT = 40;
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);

    private final List<Instance> instances;
    private final int maxPages;
    private final MastodonStatusMapper mapper;
    private final UpstreamClient upstream;
    private final SourceGates gates;
    private final ObjectMapper json;
    private final Clock clock;

    public MastodonSource(TagwatchProperties properties, MastodonStatusMapper mapper, UpstreamClient upstream,
            SourceGates gates, ObjectMapper json, Clock clock) {
        super(MastodonStatusMapper.SOURCE);
        this.instances = properties.mastodon().instances() == null ? List.of() : properties.mastodon().instances();
        this.maxPages = properties.mastodon().maxPagesPerCycle();
        this.mapper = mapper;
        this.upstream = upstream;
        this.gates = gates;
        this.json = json;
        this.clock = clock;
        upstream.registerMeters(MastodonStatusMapper.SOURCE);
    }


    @Override
    public String disabledReason() {
        return instances.isEmpty() ? "no instances in tagwatch.mastodon.instances" : null;
    }

    @Override
    public CollectedBatch fetch(String tag, Checkpoints checkpoints) {
        gates.gate(name()).check(); // the source's circuit; each instance also has its own gate
        // the configured instances only: a checkpoint of one no longer asked is dropped when this batch is stored
        Map<String, String> minIds = new TreeMap<>();
        for (Instance instance : instances) {
            String key = key(instance);
            if (checkpoints.at(key) != null) {
                minIds.put(key, checkpoints.at(key));
            }
        }
        Map<String, Post> posts = new LinkedHashMap<>();
        Map<String, Author> authors = new HashMap<>();
        int pages = 0;
        int read = 0;
        RuntimeException lastFailure = null;
        int answered = 0;
        for (Instance instance : instances) {
            String key = key(instance);
            try {
                // later runs page forward from the checkpoint (min_id); the first pages back from the newest (max_id)
                String minId = minIds.get(key);
                String maxId = null;
                for (int page = 0; page < maxPages; page++) {
                    JsonNode statuses = fetch(instance, tag, minId, maxId);
                    pages++;
                    read += statuses.size();
                    if (statuses.isEmpty()) {
                        break;
                    }
                    String[] range = add(statuses, tag, posts, authors);
                    if (!minIds.containsKey(key) || compareIds(range[1], minIds.get(key)) > 0) {
                        minIds.put(key, range[1]);
                    }
                    if (statuses.size() < LIMIT) {
                        break;
                    }
                    if (minId != null) {
                        minId = range[1];
                    } else {
                        maxId = range[0];
                    }
                }
                answered++;
            } catch (SourcePausedException | UpstreamException e) {
                lastFailure = e;
                log.debug("Mastodon instance {} skipped this cycle: {}", key, e.getMessage());
            }
        }
        if (answered == 0 && lastFailure != null) {
            throw lastFailure;
        }
        return new CollectedBatch(MastodonStatusMapper.SOURCE, tag, List.copyOf(posts.values()),
                List.copyOf(authors.values()), new Checkpoints(minIds), pages, read, List.of());
    }

    /** Adds the page's statuses (once per uri) and authors (newest snapshot); answers its oldest and newest id. */
    private String[] add(JsonNode statuses, String tag, Map<String, Post> posts, Map<String, Author> authors) {
        String oldest = null;
        String newest = null;
        for (JsonNode status : statuses) {
            Post post = mapper.post(status, tag);
            posts.putIfAbsent(post.id(), post);
            Author author = mapper.author(status.path("account"), post.createdAt());
            authors.merge(author.id(), author, Author::newer);
            String id = status.path("id").asText();
            if (newest == null || compareIds(id, newest) > 0) {
                newest = id;
            }
            if (oldest == null || compareIds(id, oldest) < 0) {
                oldest = id;
            }
        }
        return new String[] {oldest, newest};
    }

    private JsonNode fetch(Instance instance, String tag, String minId, String maxId) {
        SourceGate gate = gates.gate(name() + "@" + address(instance));
        String path = "/api/v1/timelines/tag/" + URLEncoder.encode(tag, StandardCharsets.UTF_8) + "?limit=" + LIMIT
                + (minId == null ? "" : "&min_id=" + URLEncoder.encode(minId, StandardCharsets.UTF_8))
                + (maxId == null ? "" : "&max_id=" + URLEncoder.encode(maxId, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(instance.url()) + path))
                .header("Accept", "application/json").GET();
        if (instance.accessToken() != null && !instance.accessToken().isBlank()) {
            request.header("Authorization", "Bearer " + instance.accessToken());
        }
        return upstream.call(gate, request, response -> read(gate, instance, response));
    }

    private JsonNode read(SourceGate gate, Instance instance, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 200) {
            JsonNode body;
            try {
                body = json.readTree(response.body());
            } catch (IOException e) {
                throw UpstreamException.malformed("Mastodon answer is not valid JSON (" + e.getClass().getSimpleName() + ")");
            }
            if (body == null || !body.isArray()) {
                throw UpstreamException.malformed("Mastodon answer is not a JSON array");
            }
            return body;
        }
        String error = errorText(response);
        if (status == 429) {
            throw gate.stop(SourceState.RATE_LIMITED, RateLimits.reset(response, clock.instant().plus(DEFAULT_WINDOW)),
                    instance.url().getHost() + ": " + error);
        }
        if (status == 401 || status == 422 || status == 403) {
            throw gate.stop(SourceState.UNAUTHORIZED, null, instance.url().getHost()
                    + " wants a login for hashtag timelines (HTTP " + status + ": " + error
                    + "); give it an access token in tagwatch.mastodon.instances");
        }
        if (status >= 500) {
            throw UpstreamException.serverError(status);
        }
        throw UpstreamException.clientError(status, error);
    }

    private String errorText(HttpResponse<byte[]> response) {
        try {
            JsonNode body = json.readTree(response.body());
            String error = body == null ? "" : body.path("error").asText("");
            return error.isEmpty() ? "HTTP " + response.statusCode() : error.substring(0, Math.min(200, error.length()));
        } catch (IOException e) {
            return "HTTP " + response.statusCode();
        }
    }

    /** host[:port], never the user:password@ a URL may carry (it would reach logs and the checkpoint). */
    private static String address(Instance instance) {
        URI url = instance.url();
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /** An instance's upstream in its checkpoints: scheme://host[:port]. */
    private static String key(Instance instance) {
        return instance.url().getScheme() + "://" + address(instance);
    }

    private static String stripSlash(URI url) {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Mastodon ids are numeric strings: longer means newer, equal lengths compare as text. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

}
