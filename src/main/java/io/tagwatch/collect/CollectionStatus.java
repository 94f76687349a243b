package io.tagwatch.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Tags;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which sources a cycle asks, and how each (source, tag) pair fared. The collect-cycle route reports
 * here; GET /api/v1/tags reads it. A state change is logged once, not on every cycle.
 */
@Component
public class CollectionStatus {

    private static final Logger log = LoggerFactory.getLogger(CollectionStatus.class);

    private record Key(String source, String tag) {
    }

    private final List<String> sources;
    private final TagwatchProperties properties;
    private final CamelContext camel;
    private final Clock clock;
    private final Map<Key, SourceStatus> statuses = new ConcurrentHashMap<>();

    public CollectionStatus(TagwatchProperties properties, CamelContext camel, Clock clock) {
        this.sources = properties.sources().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        this.properties = properties;
        this.camel = camel;
        this.clock = clock;
    }

    /** Fails the start on a typo in tagwatch.sources rather than collecting nothing in silence. */
    @EventListener(ApplicationStartedEvent.class)
    public void checkSourcesExist() {
        for (String source : sources) {
            if (camel.getRoute("source-" + source) == null) {
                throw new IllegalStateException("tagwatch.sources names '" + source
                        + "', but no route 'source-" + source + "' exists");
            }
        }
        log.info("Collecting from sources {}", sources);
    }

    public List<String> enabledSources() {
        return sources;
    }

    /** Called as a tag's cycle starts; answers the normalized tag. */
    public String cycleStarted(String rawTag) {
        String tag = Tags.normalize(rawTag);
        Instant next = clock.instant().plus(properties.collect().period());
        for (String source : sources) {
            statuses.compute(new Key(source, tag), (k, old) -> old == null
                    ? new SourceStatus(source, SourceState.OK, null, null, next)
                    : new SourceStatus(source, old.state(), old.lastSuccessAt(), old.lastError(), next));
        }
        return tag;
    }

    public void succeeded(String source, String tag, CollectedBatch batch, Integer newPosts, long startedAtMillis) {
        SourceStatus old = statuses.get(new Key(source, tag));
        if (old != null && old.state() != SourceState.OK) {
            log.info("Source {} is collecting tag {} again", source, tag);
        }
        statuses.put(new Key(source, tag), new SourceStatus(source, SourceState.OK, clock.instant(), null,
                old == null ? null : old.nextRunAt()));
        int stored = newPosts == null ? 0 : newPosts;
        log.info("Collected tag={} source={} read={} new={} duplicates={} pages={} durationMs={} outcome=ok",
                tag, source, batch.postsRead(), stored, batch.postsRead() - stored, batch.pages(),
                clock.millis() - startedAtMillis);
    }

    public void failed(String source, String tag, Exception error) {
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        SourceStatus old = statuses.get(new Key(source, tag));
        if (old == null || old.state() != SourceState.ERROR || !message.equals(old.lastError())) {
            log.warn("Collecting tag {} from source {} failed: {}", tag, source, message);
        }
        statuses.put(new Key(source, tag), new SourceStatus(source, SourceState.ERROR,
                old == null ? null : old.lastSuccessAt(), message, old == null ? null : old.nextRunAt()));
    }

    /** One status per enabled source; a pair whose first cycle has not run yet shows state ok. */
    public List<SourceStatus> forTag(String tag) {
        return sources.stream()
                .map(source -> statuses.getOrDefault(new Key(source, tag),
                        new SourceStatus(source, SourceState.OK, null, null, null)))
                .toList();
    }
}
