package io.tagwatch.post;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a source stands for one tag, per upstream: most sources have one upstream ({@link #ONLY}),
 * Mastodon one per instance. A position says how far the source has read (X's since_id, Bluesky's
 * indexedAt, a Mastodon instance's min_id). Below the positions, {@code windows} are the stretches
 * still to read (see {@link Window}), newest first.
 */
public record Checkpoints(Map<String, String> positions, List<Window> windows) {

    /** The upstream of a source that has only one. */
    public static final String ONLY = "";
    public static final Checkpoints NONE = new Checkpoints(Map.of());

    public Checkpoints {
        positions = Collections.unmodifiableMap(new TreeMap<>(positions));
        windows = windows.stream().sorted(Comparator.comparing(Window::to).reversed()).toList();
    }

    public Checkpoints(Map<String, String> positions) {
        this(positions, List.of());
    }

    /** The position of a source with one upstream; none when {@code position} is null. */
    public static Checkpoints of(String position) {
        return position == null ? NONE : new Checkpoints(Map.of(ONLY, position));
    }

    /** The position of a source with one upstream, or null. */
    public String only() {
        return positions.get(ONLY);
    }

    public String at(String upstream) {
        return positions.get(upstream);
    }

    /** The positions in upstream order, to change and store again. */
    public TreeMap<String, String> toMap() {
        return new TreeMap<>(positions);
    }

    public boolean isEmpty() {
        return positions.isEmpty();
    }
}
