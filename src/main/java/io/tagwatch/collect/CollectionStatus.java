package io.tagwatch.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Tags;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamClient;
import io.tagwatch.source.UpstreamException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which sources a cycle asks, and how each (source, tag) pair fared. The collect-cycle route reports
 * here; GET /api/v1/tags reads it. A source's own state (rate limited, unauthorized, ...) comes from
 * its gate and outranks the per-tag one. Each cycle logs one line; a change of state is logged once.
 */
@Component
public class CollectionStatus {

    private static final Logger log = LoggerFactory.getLogger(CollectionStatus.class);

    private record Key(String source, String tag) {
    }

    private final List<String> listed;
    private final Map<String, PostSource> sources;
    private final SourceGates gates;
    private final TagwatchProperties properties;
    private final CamelContext camel;
    private final Clock clock;
    private final Map<Key, SourceStatus> statuses = new ConcurrentHashMap<>();
    private final CollectionMetrics metrics;
    private final MeterRegistry registry;
    private final Instant startedAt;
    private final UpstreamClient upstream;
    private final TrackedTags trackedTags;

    public CollectionStatus(TagwatchProperties properties, List<PostSource> sources, SourceGates gates,
            CamelContext camel, Clock clock, CollectionMetrics metrics, MeterRegistry registry,
            UpstreamClient upstream, TrackedTags trackedTags) {
        this.trackedTags = trackedTags;
        sources.forEach(source -> upstream.registerMeters(source.name()));
        this.upstream = upstream;
        this.metrics = metrics;
        this.registry = registry;
        this.startedAt = clock.instant();
        this.listed = properties.sources().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        this.sources = sources.stream().collect(Collectors.toMap(PostSource::name, Function.identity()));
        this.gates = gates;
        this.properties = properties;
        this.camel = camel;
        this.clock = clock;
    }

    /** Fails the start on a typo in tagwatch.sources; says once which sources lack credentials. */
    @EventListener(ApplicationStartedEvent.class)
    public void checkSources() {
        for (String name : listed) {
            if (!sources.containsKey(name) || camel.getRoute("source-" + name) == null) {
                throw new IllegalStateException("tagwatch.sources names '" + name + "', but there is no such source;"
                        + " known: " + sources.keySet());
            }
            String disabled = sources.get(name).disabledReason();
            if (disabled != null) {
                log.info("Source {} is disabled: {}", name, disabled);
            }
            for (SourceState state : SourceState.values()) {
                Gauge.builder("tagwatch.source.state", () -> sourceState(name) == state ? 1 : 0)
                        .description("1 for the source's current state, 0 for the others")
                        .tags("source", name, "state", state.wireName()).register(registry);
            }
        }
        log.info("Collecting from sources {}", enabledSources());
    }

    public List<String> enabledSources() {
        return listed.stream().filter(name -> sources.get(name).disabledReason() == null).toList();
    }

    /** Called as a tag's cycle starts; answers the normalized tag. */
    public String cycleStarted(String rawTag) {
        String tag = Tags.normalize(rawTag);
        Instant next = clock.instant().plus(properties.collect().period());
        for (String source : enabledSources()) {
            Key key = new Key(source, tag);
            SourceStatus before = statuses.get(key);
            statuses.put(key, before == null ? new SourceStatus(source, SourceState.OK, null, null, null, next)
                    : new SourceStatus(source, before.state(), before.lastSuccessAt(), before.lastErrorCategory(),
                            before.lastError(), next));
            if (before == null) {
                Gauge.builder("tagwatch.collection.last.success.timestamp", () -> lastSuccessSeconds(source, tag))
                        .description("When a cycle of this source and tag last succeeded, or the start before the first")
                        .tags("source", source, "tag", tag).baseUnit("seconds").register(registry);
            }
        }
        return tag;
    }

    /** The log lines of one source's part of a cycle, on its own thread, carry "tag" and "source". */
    public void sourceStarted(String source, String tag) {
        MDC.put("tag", tag);
        MDC.put("source", source);
    }

    public void sourceEnded() {
        MDC.remove("source");
        MDC.remove("tag");
    }

    public void succeeded(String source, String tag, CollectedBatch batch, Integer newPosts, long startedAtMillis) {
        gates.gate(source).cycleSucceeded();
        SourceStatus old = statuses.get(new Key(source, tag));
        if (old != null && old.state() != SourceState.OK) {
            log.info("Source {} is collecting tag {} again", source, tag);
        }
        statuses.put(new Key(source, tag), new SourceStatus(source, SourceState.OK, clock.instant(), null, null,
                old == null ? null : old.nextRunAt()));
        int stored = newPosts == null ? 0 : newPosts;
        metrics.collected(source, tag, batch.postsRead(), stored);
        log.info("Collected tag={} source={} read={} new={} duplicates={} pages={} durationMs={} rateLimitRemaining={}"
                + " outcome=ok", tag, source, batch.postsRead(), stored, batch.postsRead() - stored, batch.pages(),
                clock.millis() - startedAtMillis, upstream.rateLimitRemaining(source));
    }

    /** The failure's own text goes to the log; the API shows its category (see {@link ErrorCategory}). */
    public void failed(String source, String tag, Exception error, long startedAtMillis) {
        ErrorCategory category = ErrorCategory.of(error);
        SourceState state = error instanceof SourcePausedException paused ? paused.state() : SourceState.ERROR;
        String outcome = error instanceof SourcePausedException paused ? paused.state().wireName()
                : error instanceof UpstreamException upstream ? upstream.outcome() : category.wireName();
        String detail = error instanceof SourcePausedException || error instanceof UpstreamException
                ? error.getMessage() : error.getClass().getSimpleName() + ": " + error.getMessage();
        // the database failed, not the source: that must not open the source's circuit, or a database
        // outage would keep collection stopped for circuit-open-for after the database is back
        if (state == SourceState.ERROR && category != ErrorCategory.DATABASE_UNAVAILABLE) {
            gates.gate(source).cycleFailed(detail);
        }
        SourceStatus old = statuses.get(new Key(source, tag));
        if (state == SourceState.ERROR && (old == null || old.state() != SourceState.ERROR)) {
            log.warn("Collecting tag {} from source {} failed ({}): {}", tag, source, category.wireName(), detail);
        }
        statuses.put(new Key(source, tag), SourceStatus.failing(source, state, old == null ? null : old.lastSuccessAt(),
                category, old == null ? null : old.nextRunAt()));
        log.info("Collected tag={} source={} read=0 new=0 duplicates=0 pages=0 durationMs={} rateLimitRemaining={}"
                + " outcome={}", tag, source, clock.millis() - startedAtMillis, upstream.rateLimitRemaining(source),
                outcome);
    }

    /** Before the first success it is the service's start, so a pair that never succeeds does show as stalled. */
    private double lastSuccessSeconds(String source, String tag) {
        if (!trackedTags.isTracked(tag)) {
            return Double.NaN; // a tag removed at run time is no longer collected, so it cannot stall
        }
        SourceStatus status = statuses.get(new Key(source, tag));
        Instant at = status == null || status.lastSuccessAt() == null ? startedAt : status.lastSuccessAt();
        return at.toEpochMilli() / 1000.0;
    }


    /** The source's own state: disabled, its gate's, else error while any tag's last cycle failed. */
    SourceState sourceState(String source) {
        if (sources.get(source).disabledReason() != null) {
            return SourceState.DISABLED;
        }
        SourceState gate = gates.snapshot(source).state();
        if (gate != SourceState.OK) {
            return gate;
        }
        return statuses.entrySet().stream().filter(e -> e.getKey().source().equals(source))
                .filter(e -> trackedTags.isTracked(e.getKey().tag()))
                .map(e -> e.getValue().state()).filter(s -> s != SourceState.OK).findFirst().orElse(SourceState.OK);
    }

    /** One status per listed source. */
    public List<SourceStatus> forTag(String tag) {
        return listed.stream().map(source -> status(source, tag)).toList();
    }

    private SourceStatus status(String source, String tag) {
        String disabled = sources.get(source).disabledReason();
        if (disabled != null) {
            return new SourceStatus(source, SourceState.DISABLED, null, SourceState.DISABLED.wireName(), disabled, null);
        }
        SourceStatus own = statuses.getOrDefault(new Key(source, tag),
                new SourceStatus(source, SourceState.OK, null, null, null, null));
        SourceGate.Snapshot gate = gates.snapshot(source);
        if (gate.state() == SourceState.OK) {
            return own;
        }
        Instant next = gate.until() == null || own.nextRunAt() == null ? own.nextRunAt()
                : (gate.until().isAfter(own.nextRunAt()) ? gate.until() : own.nextRunAt());
        ErrorCategory category = ErrorCategory.of(gate.state());
        return SourceStatus.failing(source, gate.state(), own.lastSuccessAt(),
                category == null ? ErrorCategory.INTERNAL_ERROR : category, next);
    }
}
