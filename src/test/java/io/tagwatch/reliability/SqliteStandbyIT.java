package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.support.ApiClient;
import io.tagwatch.support.ServiceProcess;

import org.junit.jupiter.api.Test;

/**
 * SQLite takes one collecting process: a second one started on the same file serves the API, shows its
 * sources as standby and collects nothing; when the first is killed (kill -9), the operating system
 * releases its lock and the second takes over, with nothing lost.
 */
class SqliteStandbyIT {

    private static final String ADMIN_TOKEN = "standby-admin-token-0123456789abcdef";

    @Test
    void aSecondProcessOnTheFileWaitsAndTakesOverWhenTheFirstDies() throws Exception {
        try (CollectingRig rig = new CollectingRig("sqlite-standby", null,
                List.of("--tagwatch.admin-token=" + ADMIN_TOKEN, "--tagwatch.cluster.lock-poll-interval=500ms"))) {
            ServiceProcess first = rig.startReady("first");
            rig.feed(5, Duration.ofMillis(100));
            rig.awaitStoredMoreThan(50);

            ServiceProcess second = rig.startReady("second");
            ApiClient secondApi = new ApiClient(second.port());
            long standbyFrom = System.nanoTime();
            Thread.sleep(CollectingRig.PERIOD.multipliedBy(20).toMillis());
            assertThat(states(secondApi)).as("the second process's sources").containsOnly("standby");
            assertThat(states(new ApiClient(first.port()))).as("the first's").doesNotContain("standby");
            assertThat(secondApi.post("/api/v1/collect", "Authorization", "Bearer " + ADMIN_TOKEN).status())
                    .as("a manual cycle asked of the process on standby").isEqualTo(503);
            assertThat(cycles(second)).as("cycles run by the process on standby").isZero();
            int storedBefore = rig.storedIds().size();
            double standbySeconds = (System.nanoTime() - standbyFrom) / 1e9;

            first.kill();
            long killedAt = System.nanoTime();
            rig.awaitStoredMoreThan(storedBefore + 20);
            double takeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
            assertThat(states(secondApi)).doesNotContain("standby");
            rig.stopFeeding();
            rig.awaitEverythingStored();
            rig.assertExactlyTheFakesPosts();
            assertThat(cycles(second)).isPositive();
            System.out.printf("sqlite standby: the second process stayed on standby for %.1f s (0 cycles), stored new"
                    + " posts %.1f s after the first was killed, %d posts stored, 0 lost, 0 duplicated%n",
                    standbySeconds, takeoverSeconds, rig.storedIds().size());
        }
    }

    private static List<String> states(ApiClient api) {
        JsonNode items = api.getJson("/api/v1/tags").get("items");
        return Stream.iterate(0, i -> i < items.size(), i -> i + 1)
                .flatMap(i -> Stream.iterate(0, j -> j < items.get(i).get("sources").size(), j -> j + 1)
                        .map(j -> items.get(i).get("sources").get(j).get("state").asText()))
                .distinct().toList();
    }

    private static long cycles(ServiceProcess service) throws Exception {
        try (Stream<String> lines = Files.lines(service.log())) {
            return lines.filter(line -> line.contains("Collected tag=")).count();
        }
    }
}
