package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.tagwatch.support.ServiceProcess;

import org.junit.jupiter.api.Test;

/**
 * The service is stopped while X publishes six times a cycle's page limit on each of four tags; after
 * the restart every one of those posts is stored, each read once or nearly so. Before windows, all but
 * the newest page of each tag was skipped.
 */
class BacklogIT {

    private static final List<String> TAGS = List.of("sre", "devops", "metrics", "oauth");
    private static final int PAGE_LIMIT = 100;
    private static final int BACKLOG = 6 * PAGE_LIMIT;

    @Test
    void aBacklogOfSixPageLimitsPerTagIsCollectedWholeAfterARestart() throws Exception {
        try (CollectingRig rig = new CollectingRig("backlog", null, List.of("--tagwatch.x.max-pages-per-cycle=1"),
                TAGS)) {
            ServiceProcess first = rig.startReady("before");
            TAGS.forEach(tag -> rig.x.add(5, tag));
            rig.awaitEverythingStored();
            assertThat(first.terminate(Duration.ofSeconds(10))).isZero();

            TAGS.forEach(tag -> rig.x.add(BACKLOG, tag));
            int servedBefore = rig.x.postsServed();
            rig.startReady("after");
            rig.awaitEverythingStored();
            CollectingRig.waitUntil(() -> openWindows(rig) == 0, rig.patience());

            rig.assertExactlyTheFakesPosts();
            double readsPerPost = (rig.x.postsServed() - servedBefore) / (double) (TAGS.size() * BACKLOG);
            assertThat(readsPerPost).as("X reads per (post, tag)").isLessThanOrEqualTo(1.05);
            assertThat(rig.errorLines()).isZero();
            System.out.printf("backlog: %d tags with %d posts each published while stopped (%dx the page limit), all"
                    + " %d stored after the restart, reads per (post,tag) %.3f, 0 lost, 0 duplicated%n", TAGS.size(),
                    BACKLOG, BACKLOG / PAGE_LIMIT, rig.storedIds().size(), readsPerPost);
        }
    }

    private static int openWindows(CollectingRig rig) {
        return rig.jdbc.queryForObject("SELECT COUNT(*) FROM gap_window WHERE state = 'open'", Integer.class);
    }
}
