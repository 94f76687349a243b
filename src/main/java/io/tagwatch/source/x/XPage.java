package io.tagwatch.source.x;

import java.util.List;

import io.tagwatch.post.Author;
import io.tagwatch.post.Post;

/**
 * One page of an X API v2 recent-search response, mapped to the common model.
 *
 * @param newestId  {@code meta.newest_id}, the since_id checkpoint when this is a cycle's first page
 * @param nextToken {@code meta.next_token}, null on the last page
 * @param errors    the {@code errors} array of a 200 with partial errors, as "title: detail" lines
 */
public record XPage(
        List<Post> posts,
        List<Author> authors,
        String newestId,
        String nextToken,
        int resultCount,
        List<String> errors) {
}
