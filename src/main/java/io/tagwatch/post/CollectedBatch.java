package io.tagwatch.post;

import java.util.List;

/**
 * What one collection cycle of one source read for one tag.
 *
 * @param checkpoints the source's positions after this cycle; required when there are posts (they are
 *                    stored with them, replacing every stored position of the source and tag), ignored
 *                    when there are none
 * @param pages       pages (requests) read
 * @param postsRead   posts the upstream sent, new or not (X bills each)
 */
public record CollectedBatch(
        String source,
        String tag,
        List<Post> posts,
        List<Author> authors,
        Checkpoints checkpoints,
        int pages,
        int postsRead) {

    public boolean hasPosts() {
        return !posts.isEmpty();
    }
}
