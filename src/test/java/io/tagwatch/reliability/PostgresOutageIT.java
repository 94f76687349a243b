package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tagwatch.support.ApiClient;
import io.tagwatch.support.ServiceProcess;

import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops for 20 s in the middle of ingest and starts again: the API answers 503 problems
 * meanwhile (never 500), readiness goes down and comes back, and the collector resumes by itself
 * with nothing lost.
 */
class PostgresOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Test
    void anOutageIsA503WhileItLastsAndLosesNothing() throws Exception {
        Path data = Files.createTempDirectory("tagwatch-pg-outage");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(data)
                .setCleanDataDirectory(false).setPort(port);
        var server = postgres.start();
        try (var db = server.getPostgresDatabase().getConnection(); var statement = db.createStatement()) {
            statement.execute("CREATE DATABASE tagwatch");
        }
        try (CollectingRig rig = new CollectingRig("pg-outage", server.getJdbcUrl("postgres", "tagwatch"), List.of())) {
            ServiceProcess service = rig.startReady("service");
            ApiClient api = new ApiClient(service.port());
            rig.feed(5, Duration.ofMillis(100));
            rig.awaitStoredMoreThan(50);

            server.close();
            Map<Integer, Integer> apiStatuses = new TreeMap<>();
            Map<Integer, Integer> readinessStatuses = new TreeMap<>();
            long end = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < end) {
                ApiClient.Response answer = api.get("/api/v1/stats/posts-by-hour");
                apiStatuses.merge(answer.status(), 1, Integer::sum);
                if (answer.status() == 503) {
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                }
                readinessStatuses.merge(service.readinessStatus(), 1, Integer::sum);
            }
            server = postgres.start();

            CollectingRig.waitUntil(() -> service.readinessStatus() == 200, rig.patience());
            assertThat(api.get("/api/v1/stats/posts-by-hour").status()).isEqualTo(200);
            Thread.sleep(1000);
            rig.stopFeeding();
            rig.awaitEverythingStored();
            rig.assertExactlyTheFakesPosts();
            assertThat(apiStatuses).containsOnlyKeys(503);
            assertThat(readinessStatuses).containsKey(503).doesNotContainKey(200);
            assertThat(rig.errorLines()).as("ERROR lines").isZero();
            System.out.printf("pg-outage: PostgreSQL down %d s while collecting, API answers during it %s, readiness %s"
                    + " then 200, collector resumed: %d posts stored, 0 lost, 0 duplicated, 0 ERROR lines%n",
                    OUTAGE.toSeconds(), apiStatuses, readinessStatuses, rig.storedIds().size());
        } finally {
            server.close();
        }
    }
}
