package io.tagwatch.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourceState;

import org.springframework.stereotype.Component;

/**
 * How each (source, tag) pair fared in its last cycle, and the state GET /api/v1/tags and the
 * tagwatch_source_state gauge show for it. A source's own state (rate limited, unauthorized, ...) comes
 * from its gate and outranks the per-tag one.
 */
@Component
public class SourceStatuses {

    private record Key(String source, String tag) {
    }

    private final Map<Key, SourceStatus> statuses = new ConcurrentHashMap<>();
    private final SourceRegistry sources;
    private final SourceGates gates;
    private final TrackedTags trackedTags;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Duration period;
    private final Instant startedAt;

    public SourceStatuses(SourceRegistry sources, SourceGates gates, TrackedTags trackedTags, Clock clock,
            MeterRegistry registry, TagwatchProperties properties) {
        this.sources = sources;
        this.gates = gates;
        this.trackedTags = trackedTags;
        this.clock = clock;
        this.registry = registry;
        this.period = properties.collect().period();
        this.startedAt = clock.instant();
        // TagwatchCollectorStalled counts periods without success from this, so the alert follows the setting
        Gauge.builder("tagwatch.collect.period", period, p -> p.toMillis() / 1000.0).baseUnit("seconds")
                .description("Time between two cycles of a tag (tagwatch.collect.period)").register(registry);
        for (String source : sources.listed()) {
            for (SourceState state : SourceState.values()) {
                Gauge.builder("tagwatch.source.state", () -> sourceState(source) == state ? 1 : 0)
                        .description("1 for the source's current state, 0 for the others")
                        .tags("source", source, "state", state.wireName()).register(registry);
            }
        }
    }

    /** A source's part of a tag's cycle begins: the next is one period away. */
    void started(String source, String tag) {
        Instant next = clock.instant().plus(period);
        SourceStatus before = statuses.put(new Key(source, tag), statuses
                .getOrDefault(new Key(source, tag), SourceStatus.ok(source, null, null))
                .withNextRunAt(next));
        if (before == null) {
            Gauge.builder("tagwatch.collection.last.success.timestamp", () -> lastSuccessSeconds(source, tag))
                    .description("When a cycle of this source and tag last succeeded, or the start before the first")
                    .tags("source", source, "tag", tag).baseUnit("seconds").register(registry);
        }
    }

    /** Answers the state before, so that a recovery can be told. */
    SourceState succeeded(String source, String tag) {
        SourceStatus old = statuses.get(new Key(source, tag));
        statuses.put(new Key(source, tag), SourceStatus.ok(source, clock.instant(), old == null ? null : old.nextRunAt()));
        return old == null ? SourceState.OK : old.state();
    }

    /** Answers the state before, so that a new failure can be told from a repeated one. */
    SourceState failed(String source, String tag, SourceState state, ErrorCategory category) {
        SourceStatus old = statuses.get(new Key(source, tag));
        statuses.put(new Key(source, tag), SourceStatus.failing(source, state, old == null ? null : old.lastSuccessAt(),
                category, old == null ? null : old.nextRunAt()));
        return old == null ? SourceState.OK : old.state();
    }

    /** One status per listed source. */
    public List<SourceStatus> forTag(String tag) {
        return sources.listed().stream().map(source -> status(source, tag)).toList();
    }

    /** The source's own state: disabled, its gate's, else error while any tracked tag's last cycle failed. */
    SourceState sourceState(String source) {
        if (sources.disabledReason(source) != null) {
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

    private SourceStatus status(String source, String tag) {
        String disabled = sources.disabledReason(source);
        if (disabled != null) {
            return new SourceStatus(source, SourceState.DISABLED, null, SourceState.DISABLED.wireName(), disabled, null,
                    List.of());
        }
        SourceStatus own = statuses.getOrDefault(new Key(source, tag),
                SourceStatus.ok(source, null, null));
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

    /** Before the first success it is the service's start, so a pair that never succeeds does show as stalled. */
    private double lastSuccessSeconds(String source, String tag) {
        if (!trackedTags.isTracked(tag)) {
            return Double.NaN; // a tag removed at run time is no longer collected, so it cannot stall
        }
        SourceStatus status = statuses.get(new Key(source, tag));
        Instant at = status == null || status.lastSuccessAt() == null ? startedAt : status.lastSuccessAt();
        return at.toEpochMilli() / 1000.0;
    }
}
