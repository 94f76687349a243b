package io.tagwatch.post;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A window (see {@link Window}) as GET /api/v1/tags shows it: open ones still to be read, and the
 * latest given up, with why ({@link Window#TOO_OLD} or {@link Window#NOT_FILLED}).
 */
public record WindowView(
        String kind,
        String state,
        Instant from,
        Instant to,
        @JsonProperty("opened_at") Instant openedAt,
        @JsonProperty("abandoned_at") Instant abandonedAt,
        String reason) {
}
