package io.tagwatch.source.twitter;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tagwatch.geo.CountryResolver;
import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.post.Tags;
import io.tagwatch.source.UpstreamException;

import org.springframework.stereotype.Component;

import twitter4j.v1.HashtagEntity;
import twitter4j.v1.Status;
import twitter4j.v1.User;

/**
 * Maps what camel-twitter's search returned (twitter4j v1.1 statuses, newest first) into a batch of the
 * statuses newer than the checkpoint. camel-twitter cannot send since_id (twitter4j 4.1.2 drops it), so
 * every answer repeats the statuses of earlier cycles; the checkpoint, the newest status id, filters them.
 */
@Component
class TwitterStatusMapper {

    private final CountryResolver countries;

    TwitterStatusMapper(CountryResolver countries) {
        this.countries = countries;
    }

    CollectedBatch toBatch(String tag, Checkpoints checkpoints, List<Status> statuses) {
        long since = checkpoints.only() == null ? 0 : Long.parseLong(checkpoints.only());
        long newest = since;
        List<Post> posts = new ArrayList<>();
        Map<String, Author> authors = new LinkedHashMap<>();
        for (Status status : statuses) {
            newest = Math.max(newest, status.getId());
            // a retweet repeats someone else's post; the x source leaves them out too (-is:retweet)
            if (status.getId() <= since || status.isRetweet()) {
                continue;
            }
            Post post = post(status, tag);
            posts.add(post);
            Author author = author(status.getUser(), post.createdAt());
            authors.merge(author.id(), author, Author::newer);
        }
        return new CollectedBatch(TwitterSource.SOURCE, tag, posts, List.copyOf(authors.values()),
                Checkpoints.of(newest > since ? Long.toString(newest) : null), 1, statuses.size(), List.of());
    }

    private static Post post(Status status, String queriedTag) {
        String id = Long.toString(status.getId());
        Set<String> tags = new LinkedHashSet<>();
        tags.add(queriedTag);
        for (HashtagEntity hashtag : status.getHashtagEntities()) {
            tags.add(Tags.normalize(hashtag.getText()));
        }
        return new Post(TwitterSource.SOURCE, id, createdAt(status, id),
                status.getText(), // full_text: camel-twitter asks with tweet_mode=extended
                status.getLang(),
                "https://x.com/" + status.getUser().getScreenName() + "/status/" + id,
                Long.toString(status.getUser().getId()), List.copyOf(tags));
    }

    /**
     * twitter4j turns created_at into a LocalDateTime in the JVM's default zone; back in that zone it is
     * the instant again (except in the hour a DST change repeats, where the earlier one is taken).
     */
    private static Instant createdAt(Status status, String id) {
        if (status.getCreatedAt() == null) {
            throw UpstreamException.malformed("X v1.1 status " + id + " lacks created_at");
        }
        return status.getCreatedAt().atZone(ZoneId.systemDefault()).toInstant();
    }

    private Author author(User user, Instant seenAt) {
        String location = user.getLocation() == null || user.getLocation().isBlank() ? null : user.getLocation();
        return new Author(TwitterSource.SOURCE, Long.toString(user.getId()), user.getScreenName(), user.getName(),
                "https://x.com/" + user.getScreenName(), location, countries.resolve(location), user.getFollowersCount(), seenAt);
    }
}
