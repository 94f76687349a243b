package io.tagwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.x.ReadBudget;
import io.tagwatch.support.EmbeddedPostgres;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Two services on one database, each running cycles in parallel, reserving pages of the same day's
 * budget: together they read at most the budget plus less than one page, and the stored count equals
 * what was read.
 */
class ReadBudgetLedgerTest {

    private static final int BUDGET = 300;

    static Stream<Arguments> databases() throws Exception {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        // as the service opens it: writers wait for each other rather than fail
        sqlite.setUrl("jdbc:sqlite:" + Files.createTempDirectory("tagwatch-budget").resolve("t.db")
                + "?journal_mode=WAL&busy_timeout=10000");
        DriverManagerDataSource postgres = new DriverManagerDataSource(EmbeddedPostgres.newDatabaseUrl(), "postgres",
                "postgres");
        return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgresql", postgres));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void readsInFlightForAProcessThatDiedAreGivenBackOnceTheyExpire(String name, DataSource database) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("7").load().migrate();
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        // deadline 30 s, 2 retries: a reservation lasts 90 s and a minute
        ReadBudgetLedger ledger = new ReadBudgetLedger(new JdbcTemplate(database), clock, properties());
        ReadBudget.Reservation killed = ledger.reserve(100);
        ledger.reserve(100);
        ledger.reserve(100);
        assertThat(ledger.reserve(100)).isEqualTo(new ReadBudget.Reservation("2026-11-20", 0, false));
        assertThat(ledger.remainingToday()).isZero();

        clock.now = clock.now.plusSeconds(149);
        assertThat(ledger.reserve(100).reads()).isZero();
        clock.now = clock.now.plusSeconds(2);
        assertThat(ledger.remainingToday()).isEqualTo(BUDGET);
        ReadBudget.Reservation next = ledger.reserve(100);
        assertThat(next.reads()).isEqualTo(100);
        // the dead process's page answers after all: never fewer than none in flight
        ledger.settle(killed, 100);
        ledger.settle(next, 100);
        assertThat(new JdbcTemplate(database).queryForObject("SELECT in_flight FROM read_budget", Long.class)).isZero();
        assertThat(ledger.remainingToday()).isEqualTo(BUDGET - 200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void parallelCyclesOfTwoServicesNeverOvershootByAPage(String name, DataSource database) throws Exception {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("7").load().migrate();
        TagwatchProperties properties = properties();
        List<ReadBudget> services = List.of(new ReadBudgetLedger(new JdbcTemplate(database), Clock.systemUTC(), properties),
                new ReadBudgetLedger(new JdbcTemplate(database), Clock.systemUTC(), properties));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<Integer>> cycles = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            ReadBudget budget = services.get(i % 2);
            int pageSize = 100 - i * 5; // some pages come back short, and their reads are given back
            cycles.add(threads.submit((Callable<Integer>) () -> {
                int read = 0;
                while (true) {
                    ReadBudget.Reservation reserved = budget.reserve(100);
                    if (reserved.spent()) {
                        return read;
                    }
                    if (reserved.reads() == 0) {
                        Thread.onSpinWait(); // the rest is in flight elsewhere; some may come back
                        continue;
                    }
                    // X sends what was asked for, at least its smallest page of 10, or fewer when it has fewer
                    int page = Math.min(Math.max(10, reserved.reads()), pageSize);
                    budget.settle(reserved, page);
                    read += page;
                }
            }));
        }
        int total = 0;
        for (Future<Integer> cycle : cycles) {
            total += cycle.get();
        }
        threads.shutdown();
        System.out.printf("x-budget (%s): 16 parallel cycles of 2 services, budget %d, read %d%n", name, BUDGET, total);
        assertThat(total).isBetween(BUDGET, BUDGET + 9);
        assertThat(new JdbcTemplate(database).queryForObject("SELECT SUM(reads) FROM read_budget", Long.class))
                .isEqualTo(total);
        assertThat(services.get(0).remainingToday()).isEqualTo(BUDGET - total);
    }

    private static TagwatchProperties properties() {
        return new Binder(new MapConfigurationPropertySource(Map.of("tagwatch.x.daily-read-budget",
                Integer.toString(BUDGET)))).bindOrCreate("tagwatch", Bindable.of(TagwatchProperties.class));
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
