package io.tagwatch.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.x.ReadBudget;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * X's read budget kept in the read_budget table (sql/budget/): per UTC day, the reads settled and those
 * in flight. A process killed while a page is in flight leaves that page reserved until the day ends.
 */
@Component
class ReadBudgetLedger implements ReadBudget {

    private static final String SOURCE = "x";
    private static final String SELECT_DAY = SqlFile.load("budget/select-day.sql");
    private static final String INSERT_DAY = SqlFile.load("budget/insert-day.sql");
    private static final String RESERVE = SqlFile.load("budget/reserve.sql");
    private static final String SETTLE = SqlFile.load("budget/settle.sql");
    private static final String SELECT_READS = SqlFile.load("budget/select-reads.sql");

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final long dailyReads;

    ReadBudgetLedger(JdbcTemplate jdbc, Clock clock, TagwatchProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dailyReads = properties.x().dailyReadBudget();
    }

    @Override
    public Reservation reserve(int wanted) {
        String day = today().toString();
        while (true) {
            long[] row = jdbc.query(SELECT_DAY, rs -> rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : null,
                    SOURCE, day);
            if (row == null) {
                jdbc.update(INSERT_DAY, SOURCE, day);
                continue;
            }
            long left = dailyReads - row[0] - row[1];
            if (left <= 0) {
                return new Reservation(day, 0, row[0] >= dailyReads);
            }
            int reads = (int) Math.min(wanted, left);
            // another cycle may have taken some since the read above: then this takes nothing, and asks again
            if (jdbc.update(RESERVE, reads, SOURCE, day, reads, dailyReads) == 1) {
                return new Reservation(day, reads, false);
            }
        }
    }

    @Override
    public void settle(Reservation reservation, int read) {
        jdbc.update(SETTLE, reservation.reads(), read, SOURCE, reservation.day());
    }

    @Override
    public long remainingToday() {
        Long read = jdbc.query(SELECT_READS, rs -> rs.next() ? rs.getLong(1) : 0L, SOURCE, today().toString());
        return dailyReads - (read == null ? 0 : read);
    }

    @Override
    public long daily() {
        return dailyReads;
    }

    @Override
    public Instant nextDay() {
        return today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
