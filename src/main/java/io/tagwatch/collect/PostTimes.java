package io.tagwatch.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.post.Author;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A post's date is what its poster's client claimed (Bluesky's createdAt is set by the client). One post
 * dated in the year 9999 would make every timeline span millions of buckets, and freeze its author's
 * profile, which only a newer post may replace. So no post is stored dated more than {@link #AHEAD}
 * after the moment its upstream served it: such a post is dated when it was served, which is the
 * latest it can really have been written, and counted. Clamping rather than refusing keeps the post.
 */
@Component("postTimes")
public class PostTimes {

    public static final Duration AHEAD = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(PostTimes.class);

    private final Clock clock;
    private final MeterRegistry registry;

    public PostTimes(Clock clock, MeterRegistry registry, SourceRegistry sources) {
        this.clock = clock;
        this.registry = registry;
        sources.listed().forEach(source -> counter(source)); // at zero, so rules see the series from the start
    }

    /** Called as the source's answer arrives, so that now is when the upstream served these posts. */
    public CollectedBatch bound(CollectedBatch batch) {
        Instant served = clock.instant();
        Instant latest = served.plus(AHEAD);
        long clamped = batch.posts().stream().filter(post -> post.createdAt().isAfter(latest)).count();
        boolean authorsAhead = batch.authors().stream().anyMatch(author -> author.seenAt().isAfter(latest));
        if (clamped == 0 && !authorsAhead) {
            return batch;
        }
        counter(batch.source()).increment(clamped);
        if (clamped > 0) {
            log.warn("{} posts of source {} were dated more than {} after the upstream served them; stored as dated {}",
                    clamped, batch.source(), AHEAD, served);
        }
        List<Post> posts = batch.posts().stream()
                .map(post -> post.createdAt().isAfter(latest) ? post.datedAt(served) : post).toList();
        List<Author> authors = batch.authors().stream()
                .map(author -> author.seenAt().isAfter(latest) ? author.seenAt(served) : author).toList();
        return batch.with(posts, authors);
    }

    private Counter counter(String source) {
        return Counter.builder("tagwatch.posts.future.dated")
                .description("Posts dated beyond what their upstream could have served, stored as dated when served")
                .tag("source", source).register(registry);
    }
}
