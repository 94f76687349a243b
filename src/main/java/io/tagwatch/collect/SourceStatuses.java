package io.tagwatch.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.config.InstanceId;
import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourceState;
import io.tagwatch.store.CycleStatusRows;

import org.springframework.stereotype.Component;

/**
 * How each (source, tag) pair fared in its last cycle, and the state GET /api/v1/tags and the
 * tagwatch_source_state gauge show for it. The last cycle is recorded in the database by whichever
 * instance ran it, so that every instance answers the same; a source's own state (rate limited,
 * unauthorized, ...) comes from its gate, shared too, and outranks the per-tag one. A process on
 * standby shows its sources as standby.
 *
 * <p>The metrics are this instance's own: tagwatch_collection_last_success_timestamp_seconds is the last
 * success of the cycles it ran, and Prometheus takes the newest over the instances (the alert rules'
 * max by source and tag), since on PostgreSQL a tag's cycles run on any instance.
 */
@Component
public class SourceStatuses {

    private record Key(String source, String tag) {
    }

    /** This instance's last cycle of a pair, for its metrics. */
    private record Own(SourceState state, Instant lastSuccessAt) {
    }

    private final Map<Key, Own> own = new ConcurrentHashMap<>();
    private final Set<Key> exported = ConcurrentHashMap.newKeySet();
    private final CycleStatusRows rows;
    private final SourceRegistry sources;
    private final SourceGates gates;
    private final TrackedTags trackedTags;
    private final Collector collector;
    private final String instance;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Duration period;
    private final Instant startedAt;

    public SourceStatuses(CycleStatusRows rows, SourceRegistry sources, SourceGates gates, TrackedTags trackedTags,
            Collector collector, InstanceId instance, Clock clock, MeterRegistry registry,
            TagwatchProperties properties) {
        this.rows = rows;
        this.sources = sources;
        this.gates = gates;
        this.trackedTags = trackedTags;
        this.collector = collector;
        this.instance = instance.id();
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

    /**
     * A tag this instance collects: its pairs are exported from now on, reading this instance's start until
     * it runs a successful cycle of them, so that an instance that waits (on standby, or while the others
     * run the tag) never looks newer than the one that collects, and a standby left alone does stall.
     */
    void tracked(String tag) {
        sources.enabled().forEach(source -> started(source, tag));
    }

    /** A source's part of a tag's cycle begins on this instance. */
    void started(String source, String tag) {
        if (exported.add(new Key(source, tag))) {
            Gauge.builder("tagwatch.collection.last.success.timestamp", () -> lastSuccessSeconds(source, tag))
                    .description("When a cycle of this source and tag last succeeded on this instance, or its start"
                            + " before the first")
                    .tags("source", source, "tag", tag).baseUnit("seconds").register(registry);
        }
    }

    /** Answers the state before, so that a recovery can be told. */
    SourceState succeeded(String source, String tag, Instant cycleStartedAt) {
        Instant now = clock.instant();
        Own before = own.put(new Key(source, tag), new Own(SourceState.OK, now));
        return record(source, tag, SourceState.OK, now, null, cycleStartedAt, before);
    }

    /** Answers the state before, so that a new failure can be told from a repeated one. */
    SourceState failed(String source, String tag, SourceState state, ErrorCategory category, Instant cycleStartedAt) {
        Own before = own.get(new Key(source, tag));
        own.put(new Key(source, tag), new Own(state, before == null ? null : before.lastSuccessAt()));
        return record(source, tag, state, null, category, cycleStartedAt, before);
    }

    /**
     * The outcome, for every instance to show; answers the pair's state before it, as the database had it
     * (whichever instance ran the cycle before), or as this instance knew it when the database is down.
     */
    private SourceState record(String source, String tag, SourceState state, Instant lastSuccessAt,
            ErrorCategory category, Instant cycleStartedAt, Own before) {
        try {
            SourceState stored = rows.state(source, tag);
            rows.write(new CycleStatusRows.Row(source, tag, state, lastSuccessAt,
                    category == null ? null : category.wireName(), clock.instant(), cycleStartedAt.plus(period),
                    instance));
            return stored;
        } catch (RuntimeException databaseDown) {
            // the cycle's own outcome says so (database_unavailable) and is logged once by CycleCompletion
            return before == null ? SourceState.OK : before.state();
        }
    }

    /** Per tag, one status per listed source, from one read of the pairs' last cycles. */
    public Map<String, List<SourceStatus>> forTags(Set<String> tags) {
        Map<Key, CycleStatusRows.Row> last = new HashMap<>();
        for (CycleStatusRows.Row row : rows.all()) {
            last.put(new Key(row.source(), row.tag()), row);
        }
        Map<String, List<SourceStatus>> shown = new LinkedHashMap<>();
        for (String tag : tags) {
            shown.put(tag, sources.listed().stream().map(source -> status(source, last.get(new Key(source, tag))))
                    .toList());
        }
        return shown;
    }

    /** The source's own state: disabled, standby, its gate's, else error while this instance's last cycle of a tracked tag failed. */
    SourceState sourceState(String source) {
        if (sources.disabledReason(source) != null) {
            return SourceState.DISABLED;
        }
        if (collector.isStandby()) {
            return SourceState.STANDBY;
        }
        SourceState gate = gates.snapshot(source).state();
        if (gate != SourceState.OK) {
            return gate;
        }
        return own.entrySet().stream().filter(e -> e.getKey().source().equals(source))
                .filter(e -> trackedTags.isTracked(e.getKey().tag()))
                .map(e -> e.getValue().state()).filter(s -> s != SourceState.OK).findFirst().orElse(SourceState.OK);
    }

    private SourceStatus status(String source, CycleStatusRows.Row row) {
        String disabled = sources.disabledReason(source);
        if (disabled != null) {
            return new SourceStatus(source, SourceState.DISABLED, null, SourceState.DISABLED.wireName(), disabled, null,
                    null, null, List.of());
        }
        Instant lastSuccess = row == null ? null : row.lastSuccessAt();
        Instant lastCycle = row == null ? null : row.lastCycleAt();
        Instant next = row == null ? null : row.nextRunAt();
        String ranOn = row == null ? null : row.instance();
        if (collector.isStandby()) {
            return new SourceStatus(source, SourceState.STANDBY, lastSuccess, null, null, next, lastCycle, ranOn,
                    List.of());
        }
        SourceGate.Snapshot gate = gates.snapshot(source);
        if (gate.state() != SourceState.OK) {
            Instant resumes = gate.until() == null || next == null ? next : (gate.until().isAfter(next) ? gate.until() : next);
            ErrorCategory category = ErrorCategory.of(gate.state());
            category = category == null ? ErrorCategory.INTERNAL_ERROR : category;
            return new SourceStatus(source, gate.state(), lastSuccess, category.wireName(), category.phrase(), resumes,
                    lastCycle, ranOn, List.of());
        }
        if (row == null) {
            return new SourceStatus(source, SourceState.OK, null, null, null, null, null, null, List.of());
        }
        ErrorCategory category = row.lastErrorCategory() == null ? null
                : ErrorCategory.valueOf(row.lastErrorCategory().toUpperCase(Locale.ROOT));
        return new SourceStatus(source, row.state(), lastSuccess, row.lastErrorCategory(),
                category == null ? null : category.phrase(), next, lastCycle, ranOn, List.of());
    }

    /** Before the first success it is the service's start, so a pair that never succeeds does show as stalled. */
    private double lastSuccessSeconds(String source, String tag) {
        if (!trackedTags.isTracked(tag)) {
            return Double.NaN; // a tag removed at run time is no longer collected, so it cannot stall
        }
        Own status = own.get(new Key(source, tag));
        Instant at = status == null || status.lastSuccessAt() == null ? startedAt : status.lastSuccessAt();
        return at.toEpochMilli() / 1000.0;
    }
}
