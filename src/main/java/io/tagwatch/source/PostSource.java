package io.tagwatch.source;

import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;

/**
 * A place posts come from, as the collect cycle calls it: registered once, by being a bean, with its
 * name, whether it can run, and what it fetches. A source maps every hashtag of a post; which of them
 * are tracked is the cycle's business.
 */
public interface PostSource {

    String name();

    /** Why this source cannot run (missing settings), or null when it can. */
    String disabledReason();

    /** The posts newer than the checkpoints, with the checkpoints to store once they are stored. */
    CollectedBatch fetch(String tag, Checkpoints checkpoints);
}
