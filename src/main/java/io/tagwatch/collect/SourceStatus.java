package io.tagwatch.collect;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.tagwatch.post.WindowView;
import io.tagwatch.source.SourceState;

/**
 * A source's state for one tag, as GET /api/v1/tags shows it, the same on every instance. The error is a
 * category and a fixed phrase; for a disabled source the phrase says which settings it lacks.
 * {@code instance} ran the last cycle (tagwatch.instance-id), at {@code last_cycle_at}. {@code windows}
 * are the stretches of the tag's posts the source has still to read, and the latest it gave up (empty
 * for a source that reads none).
 */
public record SourceStatus(
        String source,
        SourceState state,
        @JsonProperty("last_success_at") Instant lastSuccessAt,
        @JsonProperty("last_error_category") String lastErrorCategory,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("next_run_at") Instant nextRunAt,
        @JsonProperty("last_cycle_at") Instant lastCycleAt,
        String instance,
        List<WindowView> windows) {

    public SourceStatus withWindows(List<WindowView> shown) {
        return new SourceStatus(source, state, lastSuccessAt, lastErrorCategory, lastError, nextRunAt, lastCycleAt,
                instance, shown);
    }
}
