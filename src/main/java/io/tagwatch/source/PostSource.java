package io.tagwatch.source;

import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;

/** A place posts come from. Each has a route {@code source-<name>} that the collect cycle calls. */
public interface PostSource {

    String name();

    /** Why this source cannot run (missing credentials), or null when it can. */
    String disabledReason();

    /** The posts newer than the checkpoints, with the checkpoints to store once they are stored. */
    CollectedBatch readNewPosts(String tag, Checkpoints checkpoints);
}
