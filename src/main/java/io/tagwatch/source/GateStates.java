package io.tagwatch.source;

import java.time.Instant;
import java.util.Map;

/**
 * Where the gates' state is kept (io.tagwatch.store implements it, in the database): a rate-limit pause,
 * a stop that waits for a person or an open circuit belongs to the upstream account, not to one process,
 * so every instance on the database reads it before each request and changes it with a compare-and-set.
 */
public interface GateStates {

    /** A gate as stored; {@code version} is what a change must name to succeed. */
    record Stored(SourceState state, Instant until, String reason, int failedCycles, long version) {
    }

    /** The gate as it stands now; an open one (ok) the first time it is asked for. */
    Stored read(String gate);

    /** Every gate that has a row, by name. */
    Map<String, Stored> readAll();

    /** Replaces the gate's state unless it changed since {@code version} was read; answers whether it did. */
    boolean replace(String gate, long version, SourceState state, Instant until, String reason, int failedCycles);
}
