package io.tagwatch.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one upstream may be called now. It remembers rate-limit resets, spent budgets, refused
 * credentials and, as a circuit breaker, runs of failed cycles; {@link #check()} refuses before a
 * request is sent. The state is the cluster's ({@link GateStates}): read before every request, so that
 * no instance calls an upstream during a pause another instance learnt of, and changed by
 * compare-and-set, so that a change is made, and logged, by one instance once.
 */
public class SourceGate {

    private static final Logger log = LoggerFactory.getLogger(SourceGate.class);

    public record Snapshot(SourceState state, Instant until, String reason) {
    }

    /** A gate's next state, computed from the stored one; null when nothing changes. */
    private record Next(SourceState state, Instant until, String reason, int failedCycles) {
    }

    private final String name;
    private final GateStates states;
    private final Clock clock;
    private final int circuitFailures;
    private final Duration circuitOpenFor;

    public SourceGate(String name, GateStates states, Clock clock, int circuitFailures, Duration circuitOpenFor) {
        this.name = name;
        this.states = states;
        this.clock = clock;
        this.circuitFailures = circuitFailures;
        this.circuitOpenFor = circuitOpenFor;
    }

    /** Throws when a request now would be refused or unwise; an open circuit past its rest lets one probe by. */
    public void check() {
        while (true) {
            GateStates.Stored now = states.read(name);
            if (now.state() == SourceState.OK || now.state() == SourceState.ERROR) {
                return;
            }
            if (now.until() == null || clock.instant().isBefore(now.until())) {
                throw new SourcePausedException(now.state(), now.until(), now.reason());
            }
            // the rest is over: this caller is the circuit's probe (the others wait until its outcome closes
            // or reopens it), or the pause simply ends; another instance may have got there first
            Next next = now.state() == SourceState.CIRCUIT_OPEN
                    ? new Next(SourceState.CIRCUIT_OPEN, clock.instant().plus(circuitOpenFor), now.reason(),
                            now.failedCycles())
                    : new Next(SourceState.OK, null, null, now.failedCycles());
            if (write(now, next)) {
                return;
            }
        }
    }

    /** The upstream asked to wait (rate limit) or a limit was reached (budget); null until means a person must act. */
    public void pause(SourceState pausedState, Instant pausedUntil, String why) {
        change(now -> new Next(pausedState, pausedUntil, why, now.failedCycles()));
    }

    /** Pauses, and answers what the caller throws to end its cycle: {@code throw gate.stop(...)}. */
    public SourcePausedException stop(SourceState pausedState, Instant pausedUntil, String why) {
        pause(pausedState, pausedUntil, why);
        return new SourcePausedException(pausedState, pausedUntil, why);
    }

    /**
     * Closes the circuit and ends an error run; a pause or a stop stays. No cycle starts while one holds
     * (check() refuses it), so a success then is of a cycle that passed its gate before: on another
     * instance, or another tag's. It proves nothing about the credentials, credits or budget that stopped
     * the source, and lifting the stop would let the next requests fail into it again (and change, and
     * log, the state once more).
     */
    public void cycleSucceeded() {
        change(now -> now.state() == SourceState.OK || holds(now)
                ? new Next(now.state(), now.until(), now.reason(), 0)
                : new Next(SourceState.OK, null, null, 0));
    }

    /** A rate limit or a spent budget until its time, a stop that waits for a person (until null). */
    private boolean holds(GateStates.Stored now) {
        boolean stop = now.state() == SourceState.RATE_LIMITED || now.state() == SourceState.BUDGET_EXHAUSTED
                || now.state() == SourceState.UNAUTHORIZED;
        return stop && (now.until() == null || clock.instant().isBefore(now.until()));
    }

    public void cycleFailed(String why) {
        change(now -> {
            int failed = now.failedCycles() + 1;
            if (now.state() == SourceState.CIRCUIT_OPEN || failed >= circuitFailures) {
                return new Next(SourceState.CIRCUIT_OPEN, clock.instant().plus(circuitOpenFor),
                        failed + " failed cycles in a row, last: " + why, failed);
            }
            return new Next(now.state(), now.until(), now.reason(), failed);
        });
    }

    /** A person acted (POST /api/v1/collect): forget stops that waited for one, and the failure run. */
    public void reset() {
        change(now -> now.state() == SourceState.OK || now.state() == SourceState.RATE_LIMITED
                ? new Next(now.state(), now.until(), now.reason(), 0)
                : new Next(SourceState.OK, null, null, 0));
    }

    public String name() {
        return name;
    }

    /** The source this gate belongs to: "mastodon" for the gate "mastodon@host". */
    public String source() {
        return source(name);
    }

    static String source(String gate) {
        int at = gate.indexOf('@');
        return at < 0 ? gate : gate.substring(0, at);
    }

    public Snapshot snapshot() {
        GateStates.Stored now = states.read(name);
        return new Snapshot(now.state(), now.until(), now.reason());
    }

    /** Applies the change to the gate as stored, again if another instance changed it meanwhile. */
    private void change(Function<GateStates.Stored, Next> how) {
        while (true) {
            GateStates.Stored now = states.read(name);
            if (write(now, how.apply(now))) {
                return;
            }
        }
    }

    /** False when another instance changed the gate since {@code now} was read. */
    private boolean write(GateStates.Stored now, Next next) {
        if (next.state() == now.state() && Objects.equals(next.until(), now.until())
                && Objects.equals(next.reason(), now.reason()) && next.failedCycles() == now.failedCycles()) {
            return true;
        }
        if (!states.replace(name, now.version(), next.state(), next.until(), next.reason(), next.failedCycles())) {
            return false;
        }
        if (next.state() != now.state()) {
            logChange(next);
        }
        return true;
    }

    private void logChange(Next next) {
        if (next.state() == SourceState.OK) {
            log.info("Source {} is ok again", name);
        } else if (next.state() == SourceState.UNAUTHORIZED || next.state() == SourceState.BUDGET_EXHAUSTED) {
            log.error("Source {} is {} until {}: {}", name, next.state().wireName(),
                    next.until() == null ? "a person acts (then POST /api/v1/collect)" : next.until(), next.reason());
        } else {
            log.warn("Source {} is {} until {}: {}", name, next.state().wireName(), next.until(), next.reason());
        }
    }
}
