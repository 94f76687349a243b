package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import io.tagwatch.store.Grain;

import org.junit.jupiter.api.Test;

/** Which counts fold exactly into a zone's buckets: its offsets, and the instants its offsets change. */
class BucketsTest {

    @Test
    void wholeHourOffsetsThatChangeOnTheHourReadHours() {
        assertThat(Buckets.grain(ZoneId.of("Europe/Berlin"), Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-12-31T00:00:00Z"), false)).isEqualTo(Grain.HOUR);
        assertThat(Buckets.grain(ZoneId.of("UTC"), Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-12-31T00:00:00Z"), true)).isEqualTo(Grain.DAY);
    }

    /** Bishkek's offsets were whole hours, but in 1997 they changed at 21:30 UTC, inside a UTC hour. */
    @Test
    void anOffsetChangeInsideAnHourReadsQuarterHours() {
        assertThat(Buckets.grain(ZoneId.of("Asia/Bishkek"), Instant.parse("1997-03-01T00:00:00Z"),
                Instant.parse("1997-04-30T00:00:00Z"), false)).isEqualTo(Grain.QUARTER);
    }

    /** Moncton changed at 04:01 UTC in 1995: not even a quarter hour folds exactly across it. */
    @Test
    void anOffsetChangeInsideAQuarterHourIsRefused() {
        assertThatThrownBy(() -> Buckets.checkQuarterHours(ZoneId.of("America/Moncton"),
                Instant.parse("1995-03-01T00:00:00Z"), Instant.parse("1995-05-01T00:00:00Z"), "tz"))
                .isInstanceOf(ApiProblemException.class).hasMessageContaining("1995-04-02T04:01:00Z");
        Buckets.checkQuarterHours(ZoneId.of("America/Moncton"), Instant.parse("2024-03-01T00:00:00Z"),
                Instant.parse("2024-05-01T00:00:00Z"), "tz");
    }
}
