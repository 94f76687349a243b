package io.tagwatch.collect;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.tagwatch.config.TagwatchProperties;

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

    public CollectionMetrics(MeterRegistry registry, JdbcTemplate jdbc, TagwatchProperties properties) {
        this.registry = registry;
        this.storeBatch = Timer.builder("tagwatch.store.batch.duration")
                .description("Time to write one collected batch with its checkpoint").publishPercentileHistogram()
                .register(registry);
        Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM post", Long.class);
        this.postsStored = registry.gauge("tagwatch.posts.stored", new AtomicLong(stored == null ? 0 : stored));
        // TagwatchCollectorStalled counts periods without success from this, so the alert follows the setting
        Gauge.builder("tagwatch.collect.period", properties.collect(), c -> c.period().toMillis() / 1000.0)
                .baseUnit("seconds").description("Time between two cycles of a tag (tagwatch.collect.period)")
                .register(registry);
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
