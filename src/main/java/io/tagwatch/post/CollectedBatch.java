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
 * @param windows     the windows this cycle opened, narrowed, filled or abandoned (see {@link Window}),
 *                    stored with the posts; the others stay as they are
 */
public record CollectedBatch(
        String source,
        String tag,
        List<Post> posts,
        List<Author> authors,
        Checkpoints checkpoints,
        int pages,
        int postsRead,
        List<Window> windows) {

    public boolean hasPosts() {
        return !posts.isEmpty();
    }

    /** Whether there is anything to store: posts, or a window that changed. */
    public boolean hasChanges() {
        return !posts.isEmpty() || !windows.isEmpty();
    }

    /** The same batch with other posts and authors (cut or corrected on the way to the store). */
    public CollectedBatch with(List<Post> otherPosts, List<Author> otherAuthors) {
        return new CollectedBatch(source, tag, otherPosts, otherAuthors, checkpoints, pages, postsRead, windows);
    }
}
