package io.tagwatch.collect;

import com.fasterxml.jackson.annotation.JsonValue;

/** A source's health for one tag, as shown by GET /api/v1/tags. */
public enum SourceState {
    /** The last cycle succeeded, or none has run yet. */
    OK,
    /** The last cycle failed; {@code last_error} says why. */
    ERROR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
