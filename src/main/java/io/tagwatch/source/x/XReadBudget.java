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
 * does not reset it. A cycle asks for at most what is left, so the budget is overshot by less than a page.
 */
@Component
public class XReadBudget {

    static final String SOURCE = "x";

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

    public void spend(int posts) {
        if (posts > 0) {
            jdbc.update("INSERT INTO read_budget (source, day, reads) VALUES (?, ?, ?)"
                    + " ON CONFLICT (source, day) DO UPDATE SET reads = read_budget.reads + excluded.reads",
                    SOURCE, today().toString(), posts);
        }
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
