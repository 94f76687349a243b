package io.tagwatch.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.Window;

/**
 * The windows of one cycle of one tag (see {@link Window}): the one the head opens when it stops at
 * the page limit before the checkpoint, and the open ones, read newest first after the head, within a
 * page allowance of their own so that a busy head cannot starve them. A window the upstream no longer
 * serves (older than {@code horizon}) is given up, as is the part of one that reaches past it; with
 * fill-gaps off, a new gap is given up at once and open gaps wait (a backfill, which someone asked for,
 * is read regardless). What changed goes into the batch, one entry per window.
 */
public final class Gaps {

    /** What a source read of one window, newest first, down to {@code oldestId} at {@code oldestAt}. */
    public record Stretch(int pages, boolean complete, String oldestId, Instant oldestAt, boolean stopped) {
    }

    /** Reads a window for at most the pages given. */
    @FunctionalInterface
    public interface Reader {
        Stretch read(Window window, int pages);
    }

    private final Instant now;
    private final Instant horizon;
    private final boolean fillGaps;
    private final List<Window> queue;
    private final Map<String, Window> changed = new LinkedHashMap<>();

    /** {@code horizon}: how far back the upstream serves, or null when it says no limit. */
    public Gaps(Checkpoints checkpoints, Instant now, Instant horizon, boolean fillGaps) {
        this.now = now;
        this.horizon = horizon;
        this.fillGaps = fillGaps;
        this.queue = new ArrayList<>(checkpoints.windows());
    }

    /**
     * Where the head may start: {@code checkpointAt}, or the horizon when the checkpoint lies beyond it,
     * the posts in between being given up (after a long outage).
     */
    public Instant headStart(String checkpoint, Instant checkpointAt) {
        if (horizon == null || !checkpointAt.isBefore(horizon)) {
            return checkpointAt;
        }
        record(Window.open(Window.Kind.GAP, checkpoint, null, checkpointAt, horizon, now)
                .abandoned(Window.TOO_OLD, now));
        return horizon;
    }

    /** The head stopped before reaching {@code after}: what lies between it and the oldest post read is a gap. */
    public void headStopped(String after, Instant from, String oldestId, Instant oldestAt) {
        Window gap = Window.open(Window.Kind.GAP, after, oldestId, from, oldestAt, now);
        if (fillGaps) {
            queue.add(0, gap);
            record(gap);
        } else {
            record(gap.abandoned(Window.NOT_FILLED, now));
        }
    }

    /** Reads the windows newest first until {@code pages} are used or the source stops. */
    public void fill(int pages, Reader reader) {
        int left = pages;
        for (Window window : queue) {
            if (left <= 0) {
                return;
            }
            if (!fillGaps && window.kind() == Window.Kind.GAP) {
                continue;
            }
            if (horizon != null && !window.to().isAfter(horizon)) {
                record(window.abandoned(Window.TOO_OLD, now));
                continue;
            }
            Window readable = window;
            if (horizon != null && window.from().isBefore(horizon)) {
                record(Window.open(window.kind(), window.after(), null, window.from(), horizon, now)
                        .abandoned(Window.TOO_OLD, now));
                readable = window.startingAt(horizon);
                record(readable);
            }
            Stretch read = reader.read(readable, left);
            left -= read.pages();
            if (read.complete()) {
                record(readable.filled(now));
            } else if (read.oldestAt() != null) {
                record(readable.readDownTo(read.oldestId(), read.oldestAt()));
            }
            if (read.stopped()) {
                return;
            }
        }
    }

    /** The windows opened, narrowed, filled or given up in this cycle. */
    public List<Window> changed() {
        return List.copyOf(changed.values());
    }

    private void record(Window window) {
        changed.put(window.id(), window);
    }
}
