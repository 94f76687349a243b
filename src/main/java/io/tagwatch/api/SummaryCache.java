package io.tagwatch.api;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import io.tagwatch.collect.TrackedTags;
import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.store.DataVersions;

import org.springframework.stereotype.Component;

/**
 * Summary answers, kept until the data changes. The data only changes when a batch is stored, and each
 * stored batch moves the data version ({@link DataVersions}), so an answer is filed under the request
 * (normalised: parsed values, the zone resolved), the tracked tags (they change without a batch) and the
 * version it was computed at, in the same snapshot that read the version: it is never served for
 * other data. Bounded by the answers' size in bytes (tagwatch.api.summary-cache; 0 turns it off), with
 * its hits, misses, size and weight as metrics. A request with {@code Cache-Control: no-cache} is
 * computed afresh and not filed, which is how the benchmark measures the cold path.
 */
@Component
public class SummaryCache {

    record Key(String summary, List<Object> request, Set<String> tracked, long version) {
    }

    private final DataVersions versions;
    private final TrackedTags trackedTags;
    private final ObjectMapper json;
    private final Cache<Key, Object> answers;

    public SummaryCache(TagwatchProperties properties, DataVersions versions, TrackedTags trackedTags, ObjectMapper json,
            MeterRegistry registry) {
        this.versions = versions;
        this.trackedTags = trackedTags;
        this.json = json;
        long bytes = properties.api().summaryCache().toBytes();
        this.answers = bytes == 0 ? null : Caffeine.newBuilder().maximumWeight(bytes)
                .weigher((Key key, Object answer) -> weight(answer)).recordStats().build();
        if (answers != null) {
            CaffeineCacheMetrics.monitor(registry, answers, "summaries");
            Gauge.builder("tagwatch.summary.cache.weight", answers,
                    cache -> cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L))
                    .baseUnit("bytes").description("Bytes of summary answers kept").register(registry);
        }
    }

    /** The answer to {@code request} of {@code summary} at the current data version, computed on a miss. */
    @SuppressWarnings("unchecked")
    <T> T answer(String summary, List<Object> request, boolean fresh, Supplier<T> compute) {
        return versions.inSnapshot(version -> {
            if (answers == null || fresh) {
                return compute.get();
            }
            return (T) answers.get(new Key(summary, request, trackedTags.current(), version), key -> compute.get());
        });
    }

    /** What the answer weighs: its JSON's length, about what it holds in memory. */
    private int weight(Object answer) {
        try {
            return json.writeValueAsBytes(answer).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }
}
