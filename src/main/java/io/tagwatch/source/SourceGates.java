package io.tagwatch.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tagwatch.config.TagwatchProperties;

import org.springframework.stereotype.Component;

/**
 * One gate per upstream: a source, or for Mastodon one per instance. Requests read their gate's state
 * fresh (see {@link SourceGate#check()}); what this instance shows of the gates (GET /api/v1/tags and
 * the tagwatch_source_state gauge, asked for on every scrape) is read once for all of them and kept
 * for {@link #SHOWN_FOR}, and while the database does not answer, the last state read stands.
 */
@Component
public class SourceGates {

    /** How stale the shown state may be: well under a scrape interval, and one read per scrape at most. */
    static final Duration SHOWN_FOR = Duration.ofSeconds(2);

    private record Shown(Map<String, GateStates.Stored> gates, long readAtMillis) {
    }

    private final Map<String, SourceGate> gates = new ConcurrentHashMap<>();
    private final GateStates states;
    private final Clock clock;
    private final TagwatchProperties.Upstream upstream;
    private volatile Shown shown = new Shown(Map.of(), Long.MIN_VALUE);

    public SourceGates(GateStates states, Clock clock, TagwatchProperties properties) {
        this.states = states;
        this.clock = clock;
        this.upstream = properties.upstream();
    }

    public SourceGate gate(String name) {
        return gates.computeIfAbsent(name,
                n -> new SourceGate(n, new ForgettingShown(), clock, upstream.circuitFailures(), upstream.circuitOpenFor()));
    }

    /**
     * The stored gates, with this instance's own changes shown at once: the shown state may lag another
     * instance's by up to SHOWN_FOR, never this one's (a pause it just learnt of showed as ok for 2 s).
     */
    private final class ForgettingShown implements GateStates {

        @Override
        public Stored read(String gate) {
            return states.read(gate);
        }

        @Override
        public Map<String, Stored> readAll() {
            return states.readAll();
        }

        @Override
        public boolean replace(String gate, long version, SourceState state, Instant until, String reason,
                int failedCycles) {
            boolean replaced = states.replace(gate, version, state, until, reason, failedCycles);
            if (replaced) {
                shown = new Shown(Map.of(), Long.MIN_VALUE);
            }
            return replaced;
        }
    }

    /**
     * The state to show for a source: its own gate's, or else the first of its upstreams' gates (one
     * Mastodon instance each) that is not ok, so one instance that refuses us is visible and alerts.
     */
    public SourceGate.Snapshot snapshot(String source) {
        Map<String, GateStates.Stored> all = shown();
        GateStates.Stored own = all.get(source);
        if (own != null && own.state() != SourceState.OK) {
            return snapshot(own);
        }
        return all.entrySet().stream().filter(e -> SourceGate.source(e.getKey()).equals(source))
                .map(Map.Entry::getValue).filter(s -> s.state() != SourceState.OK).findFirst().map(SourceGates::snapshot)
                .orElse(new SourceGate.Snapshot(SourceState.OK, null, null));
    }

    /** Lifts every gate's stops that waited for a person, whichever instance learnt of them. */
    public void resetAll() {
        states.readAll().keySet().forEach(name -> gate(name).reset());
        shown = new Shown(Map.of(), Long.MIN_VALUE);
    }

    private Map<String, GateStates.Stored> shown() {
        Shown last = shown;
        long now = clock.millis();
        // not now - readAt < SHOWN_FOR: with readAt at Long.MIN_VALUE (never read) that overflows, and the
        // empty map of "never read" was shown for good, every gate ok
        if (now - SHOWN_FOR.toMillis() < last.readAtMillis()) {
            return last.gates();
        }
        try {
            shown = new Shown(states.readAll(), now);
        } catch (RuntimeException databaseDown) {
            shown = new Shown(last.gates(), now); // asked again after SHOWN_FOR, not on every gauge of this scrape
        }
        return shown.gates();
    }

    private static SourceGate.Snapshot snapshot(GateStates.Stored stored) {
        return new SourceGate.Snapshot(stored.state(), stored.until(), stored.reason());
    }
}
