package io.tagwatch.api;

import java.util.List;
import java.util.regex.Pattern;

import io.tagwatch.api.ApiResponses.PostPage;
import io.tagwatch.collect.TrackedTags;
import io.tagwatch.post.PostView;
import io.tagwatch.post.SearchQuery;
import io.tagwatch.store.PostFilter;
import io.tagwatch.store.PostReads;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** Stored posts: the paged list and single posts. */
@Component
public class PostQueries {

    static final int PAGE_MIN = 1;
    static final int PAGE_MAX = 200;
    static final int PAGE_DEFAULT = 50;
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final PostReads reads;
    private final TrackedTags trackedTags;

    public PostQueries(PostReads reads, TrackedTags trackedTags) {
        this.reads = reads;
        this.trackedTags = trackedTags;
    }

    public PostPage list(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParams query = QueryParams.parse(rawQuery);
        int limit = query.integer("limit", PAGE_MIN, PAGE_MAX, PAGE_DEFAULT);
        String cursor = query.text("cursor");
        return page(Filters.posts(query, trackedTags), query.search("q"), limit,
                cursor == null ? null : PostCursor.decode(cursor));
    }

    /** One more post than asked for is read: its presence says that there is a next page. */
    PostPage page(PostFilter filter, SearchQuery search, int limit, PostReads.Position after) {
        List<PostView> posts = reads.page(filter, search, limit + 1, after);
        if (posts.size() <= limit) {
            return new PostPage(posts, null);
        }
        PostView last = posts.get(limit - 1);
        return new PostPage(posts.subList(0, limit),
                PostCursor.encode(new PostReads.Position(last.createdAt().toEpochMilli(), last.source(), last.id())));
    }

    public PostView one(@Header("source") String source, @Header("id") String id) {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw ApiProblemException.badParameter("source", "source must be a source name such as x or mastodon");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiProblemException.badParameter("id", "id must be 1 to 128 letters, digits or ._:@-");
        }
        List<PostView> posts = reads.one(source, id);
        if (posts.isEmpty()) {
            throw ApiProblemException.notFound("no post " + id + " from source " + source);
        }
        return posts.get(0);
    }

    /** The seed service's lookup by id alone, for its old clients; the first source in name order wins. */
    List<PostView> byIdInAnySource(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiProblemException.badParameter("id", "id must be 1 to 128 letters, digits or ._:@-");
        }
        return reads.byIdInAnySource(id);
    }
}
