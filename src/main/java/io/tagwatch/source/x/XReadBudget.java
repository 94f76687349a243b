package io.tagwatch.source.x;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.config.TagwatchProperties;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The X spending guard: posts read per UTC day (the billable unit), kept in the database so a restart
 * does not reset it. A page's reads are reserved (in flight) before it is asked for, by a conditional
 * update that cannot take more than is left, and settled when it is answered: what it read counts,
 * the rest is free again. So cycles running at once, in this process or in others on the same
 * database, together overshoot the day's budget by less than one page (X's smallest page is 10
 * posts). A process killed while a page is in flight leaves that page reserved until the day ends.
 */
@Component
public class XReadBudget {

    static final String SOURCE = "x";

    /**
     * Reads taken from one day's budget for one page. None taken: the day's budget is {@code spent}, or
     * what is left is in flight for pages of other cycles, which may give some of it back.
     */
    record Reservation(String day, int reads, boolean spent) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long dailyReads;

    public XReadBudget(JdbcTemplate jdbc, Clock clock, TagwatchProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dailyReads = properties.x().dailyReadBudget();
        Gauge.builder("tagwatch.x.budget.remaining.reads", this, XReadBudget::remainingToday)
                .description("Posts X may still be asked for today (UTC)").register(registry);
    }

    public long remainingToday() {
        Long read = jdbc.query("SELECT reads FROM read_budget WHERE source = ? AND day = ?",
                rs -> rs.next() ? rs.getLong(1) : 0L, SOURCE, today().toString());
        return dailyReads - (read == null ? 0 : read);
    }

    /** Takes up to {@code wanted} of what is left today and not in flight. */
    Reservation reserve(int wanted) {
        String day = today().toString();
        while (true) {
            long[] row = jdbc.query("SELECT reads, in_flight FROM read_budget WHERE source = ? AND day = ?",
                    rs -> rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null, SOURCE, day);
            if (row == null) { // the day's first page
                jdbc.update("INSERT INTO read_budget (source, day, reads, in_flight) VALUES (?, ?, 0, 0)"
                        + " ON CONFLICT (source, day) DO NOTHING", SOURCE, day);
                continue;
            }
            long left = dailyReads - row[0] - row[1];
            if (left <= 0) {
                return new Reservation(day, 0, row[0] >= dailyReads);
            }
            int reads = (int) Math.min(wanted, left);
            // another cycle may have taken some since the read above: then this takes nothing, and asks again
            if (jdbc.update("UPDATE read_budget SET in_flight = in_flight + ? WHERE source = ? AND day = ?"
                    + " AND reads + in_flight + ? <= ?", reads, SOURCE, day, reads, dailyReads) == 1) {
                return new Reservation(day, reads, false);
            }
        }
    }

    /** The page read {@code read} posts (X may send up to its smallest page of 10 beyond the reservation). */
    void settle(Reservation reservation, int read) {
        jdbc.update("UPDATE read_budget SET in_flight = in_flight - ?, reads = reads + ? WHERE source = ? AND day = ?",
                reservation.reads(), read, SOURCE, reservation.day());
    }

    public long daily() {
        return dailyReads;
    }

    public Instant nextDay() {
        return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
