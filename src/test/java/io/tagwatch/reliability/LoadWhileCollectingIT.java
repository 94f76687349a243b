package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.tagwatch.support.ApiClient;
import io.tagwatch.support.ServiceProcess;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

/**
 * 60 s of mixed API traffic at 64 connections while the collector stores: no 5xx, no ERROR log line,
 * and afterwards the summaries equal the stored posts, which equal the upstream's.
 */
class LoadWhileCollectingIT {

    private static final int CONNECTIONS = 64;
    private static final Duration LOAD = Duration.ofSeconds(60);

    @Test
    void theApiHoldsUnderLoadWhileSourcesCollect() throws Exception {
        try (CollectingRig rig = new CollectingRig("load", null, List.of())) {
            ServiceProcess service = rig.startReady("service");
            rig.feed(5, Duration.ofMillis(100));
            ApiLoad load = new ApiLoad(service.baseUrl(), CONNECTIONS);
            Thread.sleep(LOAD.toMillis());
            List<ApiLoad.Failure> failures = load.stop();
            rig.stopFeeding();
            rig.awaitEverythingStored();

            assertThat(failures).isEmpty();
            assertThat(load.statuses()).containsOnlyKeys(200);
            assertThat(rig.errorLines()).isZero();
            rig.assertExactlyTheFakesPosts();
            ApiClient api = new ApiClient(service.port());
            long posts = rig.storedIds().size();
            assertThat(api.getJson("/api/v1/stats/posts-by-hour").get("total").asLong()).isEqualTo(posts);
            for (String tag : rig.tags) {
                long perTag = 0;
                for (JsonNode item : api.getJson("/api/v1/stats/posts-by-tag?by=country&tag=" + tag).get("items")) {
                    perTag += item.get("posts").asLong();
                }
                assertThat(perTag).as(tag).isEqualTo(rig.x.idsFor(tag).size());
            }
            System.out.printf("load: %d requests at %d connections over %d s while collecting %d posts: statuses %s,"
                    + " 0 failed, 0 ERROR lines, p50 %.1f ms, p99 %.1f ms; summaries equal the stored posts%n",
                    load.answered(), CONNECTIONS, LOAD.toSeconds(), posts, load.statuses(), load.percentileMillis(0.5),
                    load.percentileMillis(0.99));
        }
    }
}
