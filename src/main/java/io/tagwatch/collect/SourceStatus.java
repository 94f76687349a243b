package io.tagwatch.collect;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.tagwatch.source.SourceState;

public record SourceStatus(
        String source,
        SourceState state,
        @JsonProperty("last_success_at") Instant lastSuccessAt,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("next_run_at") Instant nextRunAt) {
}
