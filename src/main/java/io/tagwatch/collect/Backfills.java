package io.tagwatch.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tagwatch.post.Window;
import io.tagwatch.store.GapWindowStore;
import io.tagwatch.store.GapWindowStore.Opened;

import org.springframework.stereotype.Component;

/**
 * A backfill request (POST /api/v1/collect with since): for each tag and each enabled source that reads
 * windows, a window from {@code since} to where its stored posts of the tag begin. The cycles then read
 * it like any gap, within the same budget and rate limits; this is how a new tag gets its past week.
 */
@Component
public class Backfills {

    private final SourceRegistry sources;
    private final GapWindowStore windows;
    private final GapWindows counts;
    private final Clock clock;

    Backfills(SourceRegistry sources, GapWindowStore windows, GapWindows counts, Clock clock) {
        this.sources = sources;
        this.windows = windows;
        this.counts = counts;
        this.clock = clock;
    }

    /** The windows opened; none for a source whose stored posts of a tag begin before {@code since}. */
    public List<Opened> open(List<String> tags, Instant since) {
        Instant now = clock.instant();
        List<Opened> opened = new ArrayList<>();
        for (String source : sources.readingWindows()) {
            for (String tag : tags) {
                Opened window = windows.openBackfill(source, tag, since, now);
                if (window != null) {
                    counts.opened(source, Window.Kind.BACKFILL);
                    opened.add(window);
                }
            }
        }
        return opened;
    }
}
