package io.tagwatch.source.bluesky;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.bluesky.BlueskyPostMapper.AtUri;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Bluesky post search (app.bsky.feed.searchPosts, newest first), polled with the newest indexedAt seen
 * as the checkpoint: a cycle follows the cursor for at most tagwatch.bluesky.max-pages-per-cycle pages
 * and stops at the first post not newer than the checkpoint; a tag's first cycle reads one page.
 * Search results carry no follower counts, so they come from app.bsky.actor.getProfiles, cached per
 * author for tagwatch.bluesky.profile-cache-for. The checkpoint never passes a post that was not
 * stored: when the source is paused mid-cycle it stays where the unread posts begin.
 */
@Component("blueskySource")
public class BlueskySource extends PostSource {

    public static final String SOURCE = "bluesky";
    private static final Logger log = LoggerFactory.getLogger(BlueskySource.class);
    private static final int LIMIT = 100;
    private static final int PROFILES_PER_REQUEST = 25;

    private record Found(JsonNode view, AtUri uri, Instant indexedAt) {
    }

    private record Followers(long count, Instant until) {
    }

    private final TagwatchProperties.Bluesky settings;
    private final BlueskyClient client;
    private final BlueskyPostMapper mapper;
    private final Clock clock;
    private final Map<String, Followers> followersByDid = new ConcurrentHashMap<>();

    public BlueskySource(TagwatchProperties properties, BlueskyClient client, BlueskyPostMapper mapper, Clock clock) {
        super(SOURCE);
        this.settings = properties.bluesky();
        this.client = client;
        this.mapper = mapper;
        this.clock = clock;
    }


    @Override
    public String disabledReason() {
        return unlessSet("no credentials: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD", settings.handle(),
                settings.appPassword());
    }

    @Override
    public CollectedBatch fetch(String tag, Checkpoints checkpoints) {
        String checkpoint = checkpoints.only();
        Instant since = parse(checkpoint);
        Map<String, Found> found = new LinkedHashMap<>();
        Instant newest = null;
        boolean interrupted = false;
        int pages = 0;
        int read = 0;
        String cursor = "";
        do {
            JsonNode page;
            try {
                page = client.query(searchPath(tag, cursor));
            } catch (SourcePausedException e) {
                if (pages == 0 || e.state() != SourceState.RATE_LIMITED) {
                    throw e;
                }
                interrupted = true; // keep the pages read; the checkpoint stays before the unread ones
                break;
            }
            pages++;
            boolean reachedCheckpoint = false;
            for (JsonNode view : page.path("posts")) {
                read++;
                Instant indexedAt = mapper.indexedAt(view);
                if (since != null && !indexedAt.isAfter(since)) {
                    reachedCheckpoint = true;
                    continue;
                }
                newest = newest == null || indexedAt.isAfter(newest) ? indexedAt : newest;
                AtUri uri = AtUri.of(view);
                if (uri == null) {
                    log.warn("Skipping a Bluesky post whose uri gives no usable id: {}", view.path("uri").asText());
                    continue;
                }
                // a post indexed while we page shifts the pages by one, so the same post can come twice
                found.putIfAbsent(uri.postId(), new Found(view, uri, indexedAt));
            }
            cursor = since == null || reachedCheckpoint ? "" : page.path("cursor").asText("");
        } while (!cursor.isEmpty() && pages < settings.maxPagesPerCycle());

        Instant next = interrupted ? since : newest;
        Map<String, Long> followers = followers(found.values());
        List<Post> posts = new ArrayList<>();
        Map<String, Author> authors = new HashMap<>();
        for (Found post : found.values()) {
            Long count = followers.get(post.uri().did());
            if (count == null) {
                // the author's profile could not be read (paused): the post is read again next cycle
                Instant before = post.indexedAt().minusMillis(1);
                next = next == null || before.isBefore(next) ? before : next;
                continue;
            }
            Post mapped = mapper.post(post.view(), post.uri(), tag);
            posts.add(mapped);
            authors.merge(mapped.authorId(), mapper.author(post.view(), post.uri(), count, mapped.createdAt()),
                    Author::newer);
        }
        return new CollectedBatch(SOURCE, tag, posts, List.copyOf(authors.values()),
                Checkpoints.of(next == null ? checkpoint : next.toString()), pages, read);
    }

    private static String searchPath(String tag, String cursor) {
        return "/xrpc/app.bsky.feed.searchPosts?q=" + encode("#" + tag) + "&tag=" + encode(tag)
                + "&sort=latest&limit=" + LIMIT + (cursor.isEmpty() ? "" : "&cursor=" + encode(cursor));
    }

    /**
     * Follower counts of the posts' authors: cached ones, then getProfiles for the rest. An author the
     * server omits (deleted, taken down) has 0; one left out because the source paused has none.
     */
    private Map<String, Long> followers(Iterable<Found> posts) {
        Instant now = clock.instant();
        followersByDid.values().removeIf(cached -> !cached.until().isAfter(now));
        Map<String, Long> counts = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String did : dids(posts)) {
            Followers cached = followersByDid.get(did);
            if (cached != null) {
                counts.put(did, cached.count());
            } else {
                missing.add(did);
            }
        }
        for (int from = 0; from < missing.size(); from += PROFILES_PER_REQUEST) {
            List<String> batch = missing.subList(from, Math.min(from + PROFILES_PER_REQUEST, missing.size()));
            JsonNode profiles;
            try {
                profiles = client.query("/xrpc/app.bsky.actor.getProfiles?actors="
                        + String.join("&actors=", batch.stream().map(BlueskySource::encode).toList()));
            } catch (SourcePausedException e) {
                if (e.state() != SourceState.RATE_LIMITED) {
                    throw e;
                }
                break;
            }
            Map<String, Long> returned = new HashMap<>();
            for (JsonNode profile : profiles.path("profiles")) {
                returned.put(profile.path("did").asText(), profile.path("followersCount").asLong(0));
            }
            Instant until = clock.instant().plus(settings.profileCacheFor());
            for (String did : batch) {
                long count = returned.getOrDefault(did, 0L);
                counts.put(did, count);
                followersByDid.put(did, new Followers(count, until));
            }
        }
        return counts;
    }

    private Set<String> dids(Iterable<Found> posts) {
        Set<String> dids = new LinkedHashSet<>();
        posts.forEach(post -> dids.add(post.uri().did()));
        return dids;
    }

    private static Instant parse(String checkpoint) {
        if (checkpoint == null || checkpoint.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(checkpoint);
        } catch (DateTimeParseException e) {
            log.warn("Ignoring an unreadable Bluesky checkpoint; this cycle starts from the newest posts");
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
