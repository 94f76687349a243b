package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import io.tagwatch.support.ServiceProcess;

import org.junit.jupiter.api.Test;

/** kill -9 while batches are being stored, restart, and the SQLite store is intact and complete. */
class SqliteCrashIT {

    private static final int KILLS = 4;

    @Test
    void killedMidBatchTheStoreStaysConsistentAndAfterRestartNothingIsMissingOrDoubled() throws Exception {
        Random random = new Random(11);
        try (CollectingRig rig = new CollectingRig("crash", null, List.of())) {
            for (int kill = 1; kill <= KILLS; kill++) {
                ServiceProcess service = rig.startReady("run-" + kill);
                if (kill == 1) {
                    rig.feed(5, Duration.ofMillis(100));
                }
                rig.awaitStoredMoreThan(rig.storedIds().size());
                // a page just went out, so the collector is parsing it or storing its batch
                rig.awaitNextPage();
                Thread.sleep(random.nextInt(25));
                service.kill();

                assertThat(rig.jdbc.queryForObject("PRAGMA integrity_check", String.class)).isEqualTo("ok");
                assertThat(rig.problems()).as("after kill %d", kill).isEmpty();
            }
            rig.startReady("after-kills");
            Thread.sleep(1000);
            rig.stopFeeding();
            rig.awaitEverythingStored();
            rig.assertExactlyTheFakesPosts();
            System.out.printf("crash: %d kill -9 while collecting, integrity ok and checkpoints consistent after each,"
                    + " %d posts stored, 0 lost, 0 duplicated%n", KILLS, rig.storedIds().size());
        }
    }
}
