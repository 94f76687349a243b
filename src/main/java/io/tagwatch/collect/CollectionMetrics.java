package io.tagwatch.collect;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The pipeline's own metrics (names fixed: alert rules and dashboards use them). Labels are source and
 * tag only, both bounded by configuration; never ids or URLs.
 */
@Component
public class CollectionMetrics {

    private final MeterRegistry registry;
    private final Timer storeBatch;
    private final AtomicLong postsStored;

    public CollectionMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        this.storeBatch = Timer.builder("tagwatch.store.batch.duration")
                .description("Time to write one collected batch with its checkpoint").publishPercentileHistogram()
                .register(registry);
        Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM post", Long.class);
        this.postsStored = registry.gauge("tagwatch.posts.stored", new AtomicLong(stored == null ? 0 : stored));
    }

    /** A cycle stored its batch: new posts per tag, posts read from the upstream (X bills per post read). */
    public void collected(String source, String tag, int read, int stored) {
        Counter.builder("tagwatch.posts.collected").description("New posts stored").tag("source", source)
                .tag("tag", tag).register(registry).increment(stored);
        Counter.builder("tagwatch.posts.read").description("Posts read from the upstream").tag("source", source)
                .register(registry).increment(read);
        postsStored.addAndGet(stored);
    }

    public void batchStored(long startedAtMillis) {
        storeBatch.record(Duration.ofMillis(System.currentTimeMillis() - startedAtMillis));
    }
}
