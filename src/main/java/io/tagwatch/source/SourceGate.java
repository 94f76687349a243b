package io.tagwatch.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one upstream may be called now. It remembers rate-limit resets, spent budgets, refused
 * credentials and, as a circuit breaker, runs of failed cycles; {@link #check()} refuses before a
 * request is sent. Every change of state is logged once.
 */
public class SourceGate {

    private static final Logger log = LoggerFactory.getLogger(SourceGate.class);

    public record Snapshot(SourceState state, Instant until, String reason) {
    }

    private final String name;
    private final Clock clock;
    private final int circuitFailures;
    private final Duration circuitOpenFor;

    private SourceState state = SourceState.OK;
    private Instant until;
    private String reason;
    private int failedCycles;

    public SourceGate(String name, Clock clock, int circuitFailures, Duration circuitOpenFor) {
        this.name = name;
        this.clock = clock;
        this.circuitFailures = circuitFailures;
        this.circuitOpenFor = circuitOpenFor;
    }

    /** Throws when a request now would be refused or unwise; an open circuit past its rest lets one probe by. */
    public synchronized void check() {
        if (state == SourceState.OK || state == SourceState.ERROR) {
            return;
        }
        if (until != null && !clock.instant().isBefore(until)) {
            if (state == SourceState.CIRCUIT_OPEN) {
                // this caller is the probe; the others keep waiting until its outcome closes or reopens it
                until = clock.instant().plus(circuitOpenFor);
            } else {
                change(SourceState.OK, null, null);
            }
            return;
        }
        throw new SourcePausedException(state, until, reason);
    }

    /** The upstream asked to wait (rate limit) or a limit was reached (budget); null until means a person must act. */
    public synchronized void pause(SourceState pausedState, Instant pausedUntil, String why) {
        change(pausedState, pausedUntil, why);
    }

    /** Pauses, and answers what the caller throws to end its cycle: {@code throw gate.stop(...)}. */
    public SourcePausedException stop(SourceState pausedState, Instant pausedUntil, String why) {
        pause(pausedState, pausedUntil, why);
        return new SourcePausedException(pausedState, pausedUntil, why);
    }

    public synchronized void cycleSucceeded() {
        failedCycles = 0;
        if (state != SourceState.OK && !isPausedNow()) {
            change(SourceState.OK, null, null);
        }
    }

    public synchronized void cycleFailed(String why) {
        failedCycles++;
        if (state == SourceState.CIRCUIT_OPEN || failedCycles >= circuitFailures) {
            change(SourceState.CIRCUIT_OPEN, clock.instant().plus(circuitOpenFor),
                    failedCycles + " failed cycles in a row, last: " + why);
        }
    }

    /** A person acted (POST /api/v1/collect): forget stops that waited for one, and the failure run. */
    public synchronized void reset() {
        failedCycles = 0;
        if (state != SourceState.OK && state != SourceState.RATE_LIMITED) {
            change(SourceState.OK, null, null);
        }
    }

    /** The source this gate belongs to: "mastodon" for the gate "mastodon@host". */
    public String source() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(state, until, reason);
    }

    private boolean isPausedNow() {
        return state == SourceState.RATE_LIMITED && until != null && clock.instant().isBefore(until);
    }

    private void change(SourceState next, Instant nextUntil, String why) {
        boolean changed = next != state;
        state = next;
        until = nextUntil;
        reason = why;
        if (!changed) {
            return;
        }
        if (next == SourceState.OK) {
            log.info("Source {} is ok again", name);
        } else if (next == SourceState.UNAUTHORIZED || next == SourceState.BUDGET_EXHAUSTED) {
            log.error("Source {} is {} until {}: {}", name, next.wireName(),
                    nextUntil == null ? "a person acts (then POST /api/v1/collect)" : nextUntil, why);
        } else {
            log.warn("Source {} is {} until {}: {}", name, next.wireName(), nextUntil, why);
        }
    }
}
