package io.tagwatch.api;

import io.tagwatch.store.Grain;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The calendar buckets (local hours or days) a summary spans, and whether a zone can fold them.
 * Summaries count posts per quarter hour and fold those into local hours and days, which is exact only
 * while every offset of the zone is a whole number of quarter hours (+5:30 and +5:45 are; UTC+05:07,
 * or a zone's local mean time before 1900, is not).
 */
final class Buckets {

    /** The most buckets one answer holds. */
    static final int MAX = 10_000;
    private static final int QUARTER_SECONDS = 15 * 60;

    private Buckets() {
    }

    /** The number of buckets from the one holding {@code from} to the one holding the instant before {@code to}, capped at MAX + 1. */
    static int between(Instant from, Instant to, ZoneId zone, ChronoUnit unit) {
        ZonedDateTime at = from.atZone(zone).truncatedTo(unit);
        int n = 0;
        while (at.toInstant().isBefore(to) && n <= MAX) {
            n++;
            at = at.plus(1, unit).truncatedTo(unit);
        }
        return n;
    }

    /** Refuses a zone with an offset off the quarter hours at any instant from {@code from} to {@code to}. */
    static void checkQuarterHours(ZoneId zone, Instant from, Instant to, String parameter) {
        Instant off = firstOffsetOff(zone, from, to, QUARTER_SECONDS);
        if (off != null) {
            throw ApiProblemException.badParameter(parameter, parameter + " has an offset that is not a whole"
                    + " number of quarter hours at " + off + "; use an IANA zone such as Europe/Berlin,"
                    + " or a range where its offsets are");
        }
    }

    /**
     * The coarsest grain of counts that folds into this zone's buckets from {@code from} to {@code to}:
     * UTC days when {@code days} are asked for and the offset stays zero, UTC hours while the offsets
     * are whole hours, else quarter hours.
     */
    static Grain grain(ZoneId zone, Instant from, Instant to, boolean days) {
        if (days && firstOffsetOff(zone, from, to, 24 * 60 * 60) == null) {
            return Grain.DAY;
        }
        return firstOffsetOff(zone, from, to, 60 * 60) == null ? Grain.HOUR : Grain.QUARTER;
    }

    /** The first instant from {@code from} to {@code to} where the zone's offset is not a multiple of {@code seconds}. */
    private static Instant firstOffsetOff(ZoneId zone, Instant from, Instant to, int seconds) {
        ZoneRules rules = zone.getRules();
        Instant at = from;
        while (true) {
            if (rules.getOffset(at).getTotalSeconds() % seconds != 0) {
                return at;
            }
            ZoneOffsetTransition next = rules.nextTransition(at);
            if (next == null || !next.getInstant().isBefore(to)) {
                return null;
            }
            at = next.getInstant();
        }
    }
}
