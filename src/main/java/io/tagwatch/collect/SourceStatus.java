package io.tagwatch.collect;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.tagwatch.source.SourceState;

/**
 * A source's state for one tag, as GET /api/v1/tags shows it. The error is a category and a fixed
 * phrase; for a disabled source the phrase says which settings it lacks.
 */
public record SourceStatus(
        String source,
        SourceState state,
        @JsonProperty("last_success_at") Instant lastSuccessAt,
        @JsonProperty("last_error_category") String lastErrorCategory,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("next_run_at") Instant nextRunAt) {

    SourceStatus withNextRunAt(Instant next) {
        return new SourceStatus(source, state, lastSuccessAt, lastErrorCategory, lastError, next);
    }

    static SourceStatus failing(String source, SourceState state, Instant lastSuccessAt, ErrorCategory error,
            Instant nextRunAt) {
        return new SourceStatus(source, state, lastSuccessAt, error == null ? null : error.wireName(),
                error == null ? null : error.phrase(), nextRunAt);
    }
}
