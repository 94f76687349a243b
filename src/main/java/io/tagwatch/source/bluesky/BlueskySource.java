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

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.post.Window;
import io.tagwatch.source.Gaps;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamException;
import io.tagwatch.source.bluesky.BlueskyPostMapper.AtUri;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Bluesky post search (app.bsky.feed.searchPosts, newest first), polled with the newest indexedAt seen
 * as the checkpoint: a cycle follows the cursor for at most tagwatch.bluesky.max-pages-per-cycle pages
 * and stops at the first post not newer than the checkpoint; a tag's first cycle reads one page. When
 * the pages end before the checkpoint, the posts in between are a window (checkpoint, oldest indexedAt
 * read), read after the head with since and until ({@link Gaps}). The checkpoint never passes a post
 * that was not stored: when the source is paused mid-cycle it stays where the unread posts begin, and a
 * window is narrowed only past posts whose authors' follower counts were read ({@link BlueskyFollowers}).
 */
@Component("blueskySource")
public class BlueskySource extends PostSource {

    public static final String SOURCE = "bluesky";
    private static final Logger log = LoggerFactory.getLogger(BlueskySource.class);
    private static final int LIMIT = 100;

    private record Found(JsonNode view, AtUri uri, Instant indexedAt) {
    }

    /** Pages of one search: what was found, how far down it got, and whether it reached its end. */
    private static final class Pages {
        final Map<String, Found> found = new LinkedHashMap<>();
        Instant newest;
        Instant oldest;
        int pages;
        int read;
        boolean complete;
        boolean paused;
    }

    /** What a cycle keeps, over the head and the windows. */
    private static final class Kept {
        final List<Post> posts = new ArrayList<>();
        final Map<String, Author> authors = new HashMap<>();
        int pages;
        int read;
    }

    private final TagwatchProperties.Bluesky settings;
    private final BlueskyClient client;
    private final BlueskyPostMapper mapper;
    private final BlueskyFollowers followers;
    private final Clock clock;

    public BlueskySource(TagwatchProperties properties, BlueskyClient client, BlueskyPostMapper mapper,
            BlueskyFollowers followers, Clock clock) {
        super(SOURCE);
        this.settings = properties.bluesky();
        this.client = client;
        this.mapper = mapper;
        this.followers = followers;
        this.clock = clock;
    }

    @Override
    public String disabledReason() {
        return unlessSet("no credentials: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD", settings.handle(),
                settings.appPassword());
    }

    @Override
    public boolean readsWindows() {
        return true;
    }

    @Override
    public CollectedBatch fetch(String tag, Checkpoints checkpoints) {
        String checkpoint = checkpoints.only();
        Instant since = parse(checkpoint);
        Gaps gaps = new Gaps(checkpoints, clock.instant(), null, settings.fillGaps());
        Kept kept = new Kept();
        Pages head = search(tag, since, null, since == null ? 1 : settings.maxPagesPerCycle(), true);
        Instant next = head.paused ? since : head.newest;
        List<Instant> unmapped = keep(tag, head, kept);
        for (Instant skipped : unmapped) {
            // the author's profile could not be read (paused): the post is read again next cycle
            Instant before = skipped.minusMillis(1);
            next = next == null || before.isBefore(next) ? before : next;
        }
        if (since != null && !head.paused && !head.complete && head.oldest != null) {
            gaps.headStopped(null, since, null, head.oldest);
        }
        if (!head.paused) {
            gaps.fill(settings.maxPagesPerCycle(), (window, pages) -> fill(tag, window, pages, kept));
        }
        return new CollectedBatch(SOURCE, tag, kept.posts, List.copyOf(kept.authors.values()),
                Checkpoints.of(next == null ? checkpoint : next.toString()), kept.pages, kept.read, gaps.changed());
    }

    /** A window's posts down to its bottom; it is narrowed only past the posts whose authors are known. */
    private Gaps.Stretch fill(String tag, Window window, int maxPages, Kept kept) {
        Pages read;
        try {
            read = search(tag, window.from(), window.to(), maxPages, false);
        } catch (UpstreamException e) {
            log.warn("Filling a window of tag {} stopped for this cycle: {}", tag, e.getMessage());
            return new Gaps.Stretch(0, false, null, null, true);
        }
        List<Instant> unmapped = keep(tag, read, kept);
        if (!unmapped.isEmpty()) {
            Instant newestUnmapped = unmapped.stream().max(Instant::compareTo).orElseThrow();
            return new Gaps.Stretch(read.pages, false, null, newestUnmapped.plusMillis(1), true);
        }
        return new Gaps.Stretch(read.pages, read.complete, null, read.oldest, read.paused);
    }

    /**
     * Up to {@code maxPages} pages of posts indexed after {@code after} and before {@code before} (null:
     * no bound). A pause on the head's first page is the cycle's outcome; later, it ends the search.
     */
    private Pages search(String tag, Instant after, Instant before, int maxPages, boolean head) {
        Pages result = new Pages();
        String cursor = "";
        do {
            JsonNode page;
            try {
                page = client.query(searchPath(tag, cursor, before == null ? null : after, before));
            } catch (SourcePausedException e) {
                if (head && (result.pages == 0 || e.state() != SourceState.RATE_LIMITED)) {
                    throw e;
                }
                result.paused = true;
                return result;
            }
            result.pages++;
            boolean reachedBottom = false;
            for (JsonNode view : page.path("posts")) {
                result.read++;
                Instant indexedAt = mapper.indexedAt(view);
                if (after != null && !indexedAt.isAfter(after)) {
                    reachedBottom = true;
                    continue;
                }
                if (before != null && !indexedAt.isBefore(before)) {
                    continue;
                }
                result.newest = result.newest == null || indexedAt.isAfter(result.newest) ? indexedAt : result.newest;
                result.oldest = result.oldest == null || indexedAt.isBefore(result.oldest) ? indexedAt : result.oldest;
                AtUri uri = AtUri.of(view);
                if (uri == null) {
                    log.warn("Skipping a Bluesky post whose uri gives no usable id: {}", view.path("uri").asText());
                    continue;
                }
                // a post indexed while we page shifts the pages by one, so the same post can come twice
                result.found.putIfAbsent(uri.postId(), new Found(view, uri, indexedAt));
            }
            cursor = reachedBottom ? "" : page.path("cursor").asText("");
        } while (!cursor.isEmpty() && result.pages < maxPages);
        result.complete = cursor.isEmpty();
        return result;
    }

    /** Maps the posts whose authors' follower counts are known; returns when the others were indexed. */
    private List<Instant> keep(String tag, Pages read, Kept kept) {
        kept.pages += read.pages;
        kept.read += read.read;
        Set<String> dids = new LinkedHashSet<>();
        read.found.values().forEach(post -> dids.add(post.uri().did()));
        Map<String, Long> counts = followers.of(dids);
        List<Instant> unmapped = new ArrayList<>();
        for (Found post : read.found.values()) {
            Long count = counts.get(post.uri().did());
            if (count == null) {
                unmapped.add(post.indexedAt());
                continue;
            }
            Post mapped = mapper.post(post.view(), post.uri(), tag);
            kept.posts.add(mapped);
            kept.authors.merge(mapped.authorId(), mapper.author(post.view(), post.uri(), count, mapped.createdAt()),
                    Author::newer);
        }
        return unmapped;
    }

    /** since is inclusive and until exclusive, on the time Bluesky sorts by; the posts are checked again here. */
    private static String searchPath(String tag, String cursor, Instant since, Instant until) {
        return "/xrpc/app.bsky.feed.searchPosts?q=" + encode("#" + tag) + "&tag=" + encode(tag)
                + "&sort=latest&limit=" + LIMIT + (since == null ? "" : "&since=" + since)
                + (until == null ? "" : "&until=" + until) + (cursor.isEmpty() ? "" : "&cursor=" + encode(cursor));
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
