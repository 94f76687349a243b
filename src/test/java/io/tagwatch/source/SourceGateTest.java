package io.tagwatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.tagwatch.store.GateRows;
import io.tagwatch.support.MigratedDatabases;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SourceGateTest {

    private Instant now = Instant.parse("2026-11-20T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final GateStates states = new GateRows(new JdbcTemplate(MigratedDatabases.sqlite()));
    private final SourceGate gate = new SourceGate("x", states, clock, 3, Duration.ofMinutes(10));

    @Test
    void theCircuitOpensAfterFailedCyclesLetsOneProbeByAndClosesOnSuccess() {
        gate.cycleFailed("503");
        gate.cycleFailed("503");
        gate.check(); // two failures: still closed
        gate.cycleFailed("timeout");
        assertThat(gate.snapshot().state()).isEqualTo(SourceState.CIRCUIT_OPEN);
        assertThat(gate.snapshot().reason()).contains("3 failed cycles in a row, last: timeout");
        assertThatThrownBy(gate::check).isInstanceOf(SourcePausedException.class);

        now = now.plus(Duration.ofMinutes(10));
        gate.check(); // the probe may go
        assertThatThrownBy(gate::check).isInstanceOf(SourcePausedException.class); // but only the probe
        gate.cycleFailed("503"); // and fails: open again for another rest
        assertThat(gate.snapshot().state()).isEqualTo(SourceState.CIRCUIT_OPEN);
        assertThat(gate.snapshot().until()).isEqualTo(now.plus(Duration.ofMinutes(10)));
        assertThatThrownBy(gate::check).isInstanceOf(SourcePausedException.class);

        now = now.plus(Duration.ofMinutes(10));
        gate.check();
        gate.cycleSucceeded();
        assertThat(gate.snapshot().state()).isEqualTo(SourceState.OK);
        gate.cycleFailed("503");
        gate.check(); // the failure count started again
    }

    @Test
    void aRateLimitLiftsAtItsResetAndAStopWaitsForAPerson() {
        gate.pause(SourceState.RATE_LIMITED, now.plusSeconds(60), "x-rate-limit-remaining is 0");
        assertThatThrownBy(gate::check).isInstanceOf(SourcePausedException.class)
                .satisfies(e -> assertThat(((SourcePausedException) e).until()).isEqualTo(now.plusSeconds(60)));
        gate.reset(); // a person cannot lift a rate limit
        assertThatThrownBy(gate::check).isInstanceOf(SourcePausedException.class);
        now = now.plusSeconds(60);
        gate.check();
        assertThat(gate.snapshot().state()).isEqualTo(SourceState.OK);

        gate.pause(SourceState.UNAUTHORIZED, null, "401");
        now = now.plus(Duration.ofDays(30));
        assertThatThrownBy(gate::check).isInstanceOf(SourcePausedException.class);
        gate.reset();
        gate.check();
        assertThat(gate.source()).isEqualTo("x");
        assertThat(new SourceGate("mastodon@host:443", states, clock, 1, Duration.ZERO).source()).isEqualTo("mastodon");
    }

    @Test
    void aCycleThatPassedItsGateBeforeAStopDoesNotLiftItBySucceeding() {
        gate.check(); // one cycle passes its gate, then another (of another tag, or instance) spends the budget
        gate.pause(SourceState.BUDGET_EXHAUSTED, now.plus(Duration.ofHours(5)), "the daily read budget is spent");
        gate.cycleSucceeded();
        assertThat(gate.snapshot().state()).isEqualTo(SourceState.BUDGET_EXHAUSTED);
        assertThatThrownBy(gate::check).isInstanceOf(SourcePausedException.class);

        gate.reset();
        gate.check();
        gate.pause(SourceState.UNAUTHORIZED, null, "401");
        gate.cycleSucceeded();
        assertThat(gate.snapshot().state()).isEqualTo(SourceState.UNAUTHORIZED);
        gate.pause(SourceState.RATE_LIMITED, now.plusSeconds(60), "429");
        gate.cycleSucceeded();
        assertThat(gate.snapshot().state()).isEqualTo(SourceState.RATE_LIMITED);
    }
}
