package io.tagwatch.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.x.ReadBudget;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * X's read budget kept in the read_budget table (sql/budget/): per UTC day, the reads settled and those
 * in flight. A reservation lasts as long as a page's call can (every try to its deadline, and a
 * minute), so one that a killed process never settles is given back once all in flight have outlived
 * that.
 */
@Component
class ReadBudgetLedger implements ReadBudget {

    private static final String SOURCE = "x";
    private static final String SELECT_DAY = SqlFile.load("budget/select-day.sql");
    private static final String INSERT_DAY = SqlFile.load("budget/insert-day.sql");
    private static final String RESERVE = SqlFile.load("budget/reserve.sql");
    private static final String SETTLE = SqlFile.load("budget/settle.sql");
    private static final String CLEAR_EXPIRED = SqlFile.load("budget/clear-expired.sql");

    /** A day's row. */
    private record Day(long reads, long inFlight, long inFlightUntil) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long dailyReads;
    private final Duration reservationLasts;

    ReadBudgetLedger(JdbcTemplate jdbc, Clock clock, TagwatchProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dailyReads = properties.x().dailyReadBudget();
        TagwatchProperties.Upstream upstream = properties.upstream();
        this.reservationLasts = upstream.deadline().multipliedBy(upstream.retries() + 1L).plusMinutes(1);
    }

    @Override
    public Reservation reserve(int wanted) {
        String day = today().toString();
        while (true) {
            long now = clock.millis();
            Day row = day(day);
            if (row == null) {
                jdbc.update(INSERT_DAY, SOURCE, day);
                continue;
            }
            if (row.inFlight() > 0 && row.inFlightUntil() < now) {
                jdbc.update(CLEAR_EXPIRED, SOURCE, day, now);
                continue;
            }
            long left = dailyReads - row.reads() - row.inFlight();
            if (left <= 0) {
                return new Reservation(day, 0, row.reads() >= dailyReads);
            }
            int reads = (int) Math.min(wanted, left);
            long until = now + reservationLasts.toMillis();
            // another cycle may have taken some since the read above: then this takes nothing, and asks again
            if (jdbc.update(RESERVE, reads, until, until, SOURCE, day, reads, dailyReads) == 1) {
                return new Reservation(day, reads, false);
            }
        }
    }

    @Override
    public void settle(Reservation reservation, int read) {
        jdbc.update(SETTLE, reservation.reads(), reservation.reads(), read, SOURCE, reservation.day());
    }

    /** What may still be asked for today: neither read nor in flight. */
    @Override
    public long remainingToday() {
        Day row = day(today().toString());
        if (row == null) {
            return dailyReads;
        }
        boolean expired = row.inFlightUntil() < clock.millis();
        return dailyReads - row.reads() - (expired ? 0 : row.inFlight());
    }

    @Override
    public long daily() {
        return dailyReads;
    }

    @Override
    public Instant nextDay() {
        return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private Day day(String day) {
        return jdbc.query(SELECT_DAY, rs -> rs.next() ? new Day(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : null,
                SOURCE, day);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
