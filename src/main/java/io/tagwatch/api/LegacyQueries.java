package io.tagwatch.api;

import java.util.ArrayList;
import java.util.List;

import io.tagwatch.api.ApiResponses.TimelineBucket;
import io.tagwatch.collect.TrackedTags;
import io.tagwatch.post.AuthorView;
import io.tagwatch.post.PostView;
import io.tagwatch.post.Tags;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The seed service (py-twit)'s read routes, kept for its old clients. Each answers a bare JSON array,
 * as the seed did, computed by the same queries as the v1 API.
 */
@Component
public class LegacyQueries {

    private static final int HASHTAG_POSTS = 100;
    static final String TRUNCATED = "X-Tagwatch-Truncated";

    private final StatsQueries stats;
    private final PostQueries posts;
    private final TrackedTags trackedTags;

    public LegacyQueries(StatsQueries stats, PostQueries posts, TrackedTags trackedTags) {
        this.stats = stats;
        this.posts = posts;
        this.trackedTags = trackedTags;
    }

    /** GET /api/statistics/users: the five most-followed authors. */
    public List<AuthorView> users(Exchange exchange) {
        return stats.topUsers(null, exchange).items();
    }

    /**
     * GET /api/statistics/tweets: posts per calendar hour (UTC), oldest first. The answer is a bare array,
     * as the seed's was, so when it holds only the newest buckets a header says so.
     */
    public List<TimelineBucket> tweets(Exchange exchange) {
        ApiResponses.Timeline timeline = stats.timeline(null, exchange);
        if (Boolean.TRUE.equals(timeline.truncated())) {
            exchange.getMessage().setHeader(TRUNCATED, "true");
        }
        return timeline.items();
    }

    /** GET /api/read/hashtag/{tag}: the newest posts carrying the tag. */
    public List<PostView> hashtag(@Header("tag") String rawTag) {
        String tag = Tags.normalize(rawTag == null ? "" : rawTag);
        if (!Tags.isValid(tag)) {
            throw ApiProblemException.badParameter("tag", "tag must be a hashtag made of letters, digits and _");
        }
        if (!trackedTags.isTracked(tag)) {
            throw ApiProblemException.notFound("tag '" + tag + "' is not tracked");
        }
        return new ArrayList<>(posts.page(Filters.tag(tag), HASHTAG_POSTS, null).items());
    }

    /** GET /api/read/tweet/{id}: the post with that id. */
    public PostView tweet(@Header("id") String id) {
        List<PostView> found = posts.byIdInAnySource(id == null ? "" : id);
        if (found.isEmpty()) {
            throw ApiProblemException.notFound("no post " + id);
        }
        return found.get(0);
    }
}
