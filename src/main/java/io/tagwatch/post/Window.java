package io.tagwatch.post;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A stretch of one tag's posts that a source has not read yet: everything after {@code from} and
 * before {@code to}, read newest first until it is empty. A cycle that stops at its page limit before
 * reaching its checkpoint opens one (a gap); a backfill request opens one over the past. When the
 * upstream knows posts by id, {@code after} and {@code before} bound the window exactly (X's since_id
 * and until_id); the times then say roughly where it lies. A filled window is deleted; one the upstream
 * can no longer serve, or that the operator chose not to fill, is kept as abandoned, with its reason.
 *
 * @param id     chosen when the window opens, so that the store can update it in place
 * @param after  the newest id already read below the window, or null to start at {@code from}
 * @param before the oldest id already read above it, or null to end at {@code to}
 */
public record Window(String id, Kind kind, State state, String after, String before, Instant from, Instant to,
        Instant openedAt, Instant closedAt, String reason) {

    public enum Kind {
        GAP, BACKFILL;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum State {
        OPEN, FILLED, ABANDONED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why a window was given up: the upstream no longer serves that far back. */
    public static final String TOO_OLD = "too_old";
    /** Why a window was given up: tagwatch.&lt;source&gt;.fill-gaps is false. */
    public static final String NOT_FILLED = "fill_gaps_off";

    public static Window open(Kind kind, String after, String before, Instant from, Instant to, Instant now) {
        return new Window(UUID.randomUUID().toString(), kind, State.OPEN, after, before, from, to, now, null, null);
    }

    /** What is left once the posts down to {@code oldest} (an id, or null) at {@code oldestAt} are read. */
    public Window readDownTo(String oldest, Instant oldestAt) {
        return new Window(id, kind, state, after, oldest, from, oldestAt.isBefore(to) ? oldestAt : to, openedAt, null,
                null);
    }

    public Window filled(Instant now) {
        return new Window(id, kind, State.FILLED, after, before, from, to, openedAt, now, null);
    }

    public Window abandoned(String why, Instant now) {
        return new Window(id, kind, State.ABANDONED, after, before, from, to, openedAt, now, why);
    }

    /** The part from {@code start} on, as this window (the part before it is split off by the caller). */
    public Window startingAt(Instant start) {
        return new Window(id, kind, state, null, before, start, to, openedAt, closedAt, reason);
    }

    /** The time the window covers; what a metric counts for an abandoned one. */
    public Duration span() {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }
}
