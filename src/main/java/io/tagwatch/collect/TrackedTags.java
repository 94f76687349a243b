package io.tagwatch.collect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;

import org.springframework.stereotype.Component;

/**
 * The tags being collected, one route each (collect-&lt;tag&gt;), kept by {@link RoutesDirectoryWatcher}
 * as it adds and removes their routes. A source maps every hashtag of a post; the cycle keeps those
 * that are tracked, so a post with three tracked tags counts under each.
 */
@Component("trackedTags")
public class TrackedTags {

    static final String TEMPLATE = "collect-tag";

    /**
     * Where a tag is defined, so that a user knows which file to edit: the tags.yaml bundled in the jar,
     * or a file of tagwatch.routes-dir, by its name only (a path would tell the world about the host).
     */
    public record Definition(boolean bundled, String file) {
    }

    private final Map<String, Definition> tags = new ConcurrentHashMap<>();

    /** Logs and route metrics name the tag: collect-devops rather than route7. */
    static String routeId(String tag) {
        return "collect-" + tag;
    }

    /** The tracked tags, in order. */
    public Set<String> current() {
        return new TreeSet<>(tags.keySet());
    }

    public boolean isTracked(String tag) {
        return tags.containsKey(tag);
    }

    /** Where the tag is defined, or null when it is not tracked. */
    public Definition definition(String tag) {
        return tags.get(tag);
    }

    void add(String tag, Definition definition) {
        tags.put(tag, definition);
    }

    void remove(String tag) {
        tags.remove(tag);
    }

    /** The batch with each post's tags cut to the tag it was found for and the tracked ones among its hashtags. */
    public CollectedBatch keepTracked(CollectedBatch batch) {
        List<Post> posts = new ArrayList<>(batch.posts().size());
        for (Post post : batch.posts()) {
            Set<String> kept = new LinkedHashSet<>();
            kept.add(batch.tag());
            post.tags().stream().filter(tags::containsKey).forEach(kept::add);
            posts.add(post.taggedWith(List.copyOf(kept)));
        }
        return batch.with(posts, batch.authors());
    }
}
