package io.tagwatch.source;

import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;

/**
 * A place posts come from, as the collect cycle calls it: registered once, by being a bean, with its
 * name, whether it can run, and what it fetches. A source maps every hashtag of a post; which of them
 * are tracked is the cycle's business.
 */
public abstract class PostSource {

    private final String name;

    protected PostSource(String name) {
        this.name = name;
    }

    /** As tagwatch.sources lists it, and as metrics and logs label it. */
    public final String name() {
        return name;
    }

    /** Why this source cannot run (missing settings), or null when it can. */
    public abstract String disabledReason();

    /**
     * The posts newer than the checkpoints, with the checkpoints to store once they are stored, and for a
     * source that {@link #readsWindows() reads windows}, the posts of its open windows.
     */
    public abstract CollectedBatch fetch(String tag, Checkpoints checkpoints);

    /**
     * Whether this source reads windows (io.tagwatch.post.Window): one whose cycles can stop before
     * their checkpoint, and whose upstream can be asked for a stretch between two bounds.
     */
    public boolean readsWindows() {
        return false;
    }

    /** The reason a source gives when any of its settings is blank. */
    protected static String unlessSet(String reason, String... settings) {
        for (String setting : settings) {
            if (setting == null || setting.isBlank()) {
                return reason;
            }
        }
        return null;
    }
}
