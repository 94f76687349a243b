package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tagwatch.source.x.FakeX;
import io.tagwatch.support.SummaryCounts;

import org.junit.jupiter.api.Test;

/**
 * Three packaged-jar instances on one PostgreSQL, 24 tags, fake X and Mastodon servers that keep
 * publishing: each tag's cycle runs on one instance at a time, the cycles spread over the three, every
 * post is read about once; then one instance is killed (kill -9), and its tags' new posts are stored
 * within two periods by the other two, with nothing lost or stored twice.
 */
class ClusterIT {

    /** Long enough for Quartz's failover (check-in 1 s, its 7.5 s margin, the next check-in) inside two. */
    private static final Duration PERIOD = Duration.ofSeconds(8);
    private static final int STEADY_PERIODS = 5;

    @Test
    void threeInstancesShareTheTagsAndTakeOverAKilledOnesTags() throws Exception {
        try (Cluster cluster = new Cluster("cluster", 14, PERIOD, List.of())) {
            int tags = cluster.tags.size();
            cluster.publish(3);
            cluster.startReady("node-a", "node-b", "node-c");
            List<String> nodes = List.copyOf(cluster.instances.keySet());

            // a first cycle of every tag has read what was there before the instances started
            Cluster.waitUntil(cluster::allStored, PERIOD.multipliedBy(4), "the posts published before the start");

            // the steady state: a few posts on every tag each period; X searches and cycles counted over it
            Map<String, Long> cyclesBefore = new LinkedHashMap<>();
            for (String node : nodes) {
                cyclesBefore.put(node, cluster.cycles(node, "x"));
            }
            int searchesBefore = cluster.x.searches().size();
            long start = System.nanoTime();
            for (int i = 0; i < STEADY_PERIODS; i++) {
                cluster.publish(2);
                Thread.sleep(PERIOD.toMillis());
            }
            double periods = (System.nanoTime() - start) / (double) PERIOD.toNanos();
            double searchesPerTagAndPeriod = (cluster.x.searches().size() - searchesBefore) / (tags * periods);
            Map<String, Long> cycles = new LinkedHashMap<>();
            long allCycles = 0;
            for (String node : nodes) {
                cycles.put(node, cluster.cycles(node, "x") - cyclesBefore.get(node));
                allCycles += cycles.get(node);
            }

            // kill -9 the instance that ran the last X cycle of the most tags; its tags' new posts must
            // still be stored within two periods
            String victim = nodes.stream().max((a, b) -> Integer.compare(ranLast(cluster, a).size(),
                    ranLast(cluster, b).size())).orElseThrow();
            Set<String> victimsTags = ranLast(cluster, victim);
            cluster.instances.get(victim).kill();
            long killedAt = System.nanoTime();
            Map<String, String> markers = new LinkedHashMap<>();
            for (String tag : cluster.tags) {
                List<FakeX.Post> marker = cluster.x.add(1, tag);
                markers.put(tag, marker.get(0).id());
            }
            Map<String, Double> storedAfter = new LinkedHashMap<>();
            long deadline = killedAt + PERIOD.multipliedBy(6).toNanos();
            while (storedAfter.size() < victimsTags.size() && System.nanoTime() < deadline) {
                Set<String> stored = cluster.stored("SELECT id FROM post WHERE source = 'x'");
                for (String tag : victimsTags) {
                    if (!storedAfter.containsKey(tag) && stored.contains(markers.get(tag))) {
                        storedAfter.put(tag, (System.nanoTime() - killedAt) / 1e9);
                    }
                }
                Thread.sleep(100);
            }
            assertThat(storedAfter.keySet()).as("the killed instance's tags with a new post stored within six periods")
                    .isEqualTo(victimsTags);
            double failoverSeconds = storedAfter.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();

            // then everything the fakes published is stored, exactly once
            cluster.publish(2);
            cluster.awaitEverythingStored();
            Set<String> fake = cluster.fakeXIds();
            Set<String> stored = cluster.stored("SELECT id FROM post WHERE source = 'x'");
            Set<String> lost = new TreeSet<>(fake);
            lost.removeAll(stored);
            long rows = cluster.jdbc.queryForObject("SELECT COUNT(*) FROM post WHERE source = 'x'", Long.class);
            long duplicated = rows - fake.size();
            assertThat(lost).as("X posts lost").isEmpty();
            assertThat(stored).as("X posts stored").isEqualTo(fake);
            assertThat(cluster.stored("SELECT url FROM post WHERE source = 'mastodon'")).as("Mastodon posts stored")
                    .isEqualTo(cluster.fakeMastodonUrls());
            assertThat(SummaryCounts.mismatches(cluster.jdbc)).as("summary counts").isEmpty();

            double readsPerPostAndTag = cluster.x.postsServed() / (double) fake.size();
            System.out.printf("cluster: 3 instances, %d tags, reads per (post,tag) %.3f, failover %.1f s, %d lost,"
                    + " %d duplicated%n", tags, readsPerPostAndTag, failoverSeconds, lost.size(), duplicated);
            System.out.printf("cluster: steady state over %.1f periods of %d s: %.2f X searches per tag and period;"
                    + " X cycles per instance %s; killed %s, which ran the last cycle of %d tags%n", periods,
                    PERIOD.toSeconds(), searchesPerTagAndPeriod, cycles, victim, victimsTags.size());

            assertThat(readsPerPostAndTag).as("X reads per (post, tag)").isLessThanOrEqualTo(1.05);
            assertThat(searchesPerTagAndPeriod).as("X searches per tag and period").isLessThanOrEqualTo(1.2);
            for (String node : nodes) {
                assertThat(cycles.get(node)).as("share of the X cycles run by " + node + " of " + cycles)
                        .isGreaterThanOrEqualTo(allCycles / 10);
            }
            assertThat(victimsTags).as("tags whose last cycle ran on " + victim).isNotEmpty();
            assertThat(failoverSeconds).as("seconds until the killed instance's tags stored new posts")
                    .isLessThanOrEqualTo(2.0 * PERIOD.toSeconds());
            assertThat(duplicated).isZero();
            String[] survivors = nodes.stream().filter(n -> !n.equals(victim)).toArray(String[]::new);
            assertThat(cluster.errorLines(survivors)).as("ERROR lines of the survivors").isZero();
        }
    }

    /** The tags whose last X cycle ran on the instance, as cycle_status records it. */
    private static Set<String> ranLast(Cluster cluster, String node) {
        return new TreeSet<>(cluster.jdbc.queryForList(
                "SELECT tag FROM cycle_status WHERE source = 'x' AND instance = ?", String.class, node));
    }
}
