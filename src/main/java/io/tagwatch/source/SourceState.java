package io.tagwatch.source;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** A source's health, as GET /api/v1/tags and the tagwatch_source_state metric show it. */
public enum SourceState {
    /** The last cycle succeeded, or none has run yet. */
    OK,
    /** Not enabled, or enabled without the credentials it needs. */
    DISABLED,
    /** The upstream said slow down; nothing is sent until its reset time. */
    RATE_LIMITED,
    /** The credentials were refused; nothing is sent until a person fixes them (then POST /api/v1/collect). */
    UNAUTHORIZED,
    /** The daily read budget or the account's usage cap or credits are spent. */
    BUDGET_EXHAUSTED,
    /** The last cycle failed; the next one tries again. */
    ERROR,
    /** Several cycles in a row failed; the source rests, then one probe decides. */
    CIRCUIT_OPEN,
    /**
     * This instance does not collect: another process holds the SQLite file's collector lock, and this
     * one takes over when that process stops.
     */
    STANDBY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
