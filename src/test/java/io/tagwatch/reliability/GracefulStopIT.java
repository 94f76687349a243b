package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.tagwatch.support.ServiceProcess;

import org.junit.jupiter.api.Test;

/**
 * SIGTERM while a batch is being stored and requests are in flight: the process exits 0 within
 * 10 s, every request sent before the signal is answered, the batch is stored whole or not at all,
 * and a restart collects the rest.
 */
class GracefulStopIT {

    @Test
    void sigtermFinishesWhatIsInFlightAndExitsZero() throws Exception {
        try (CollectingRig rig = new CollectingRig("graceful", null, List.of())) {
            ServiceProcess service = rig.startReady("service");
            rig.feed(5, Duration.ofMillis(100));
            rig.awaitStoredMoreThan(100);
            ApiLoad load = new ApiLoad(service.baseUrl(), 16);
            Thread.sleep(2000);
            rig.awaitNextPage();

            long signalledAt = System.nanoTime();
            int exitCode = service.terminate(Duration.ofSeconds(10));
            long stopMillis = (System.nanoTime() - signalledAt) / 1_000_000;
            List<ApiLoad.Failure> failures = load.stop();

            assertThat(exitCode).isZero();
            assertThat(failures).filteredOn(f -> f.sentAtNanos() < signalledAt).isEmpty();
            assertThat(load.statuses()).containsOnlyKeys(200);
            assertThat(rig.jdbc.queryForObject("PRAGMA integrity_check", String.class)).isEqualTo("ok");
            assertThat(rig.problems()).isEmpty();
            assertThat(rig.errorLines()).isZero();

            rig.startReady("restarted");
            rig.stopFeeding();
            rig.awaitEverythingStored();
            rig.assertExactlyTheFakesPosts();
            System.out.printf("graceful-stop: SIGTERM during a cycle with %d requests answered, exit 0 after %d ms,"
                    + " 0 requests sent before it unanswered (%d refused after it), store consistent; after restart"
                    + " %d posts, 0 lost, 0 duplicated%n", load.answered(), stopMillis, failures.size(),
                    rig.storedIds().size());
        }
    }
}
