package io.tagwatch.source.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.tagwatch.support.SourceTesting;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Eight instances: one checkpoint row each, on both databases. When they were one JSON map in a
 * VARCHAR(256), six instances overflowed it and PostgreSQL refused every Mastodon batch from then on.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(properties = {"tagwatch.sources=mastodon", "tagwatch.collect.first-run-delay=3600000",
        "tagwatch.collect.period=1h", "tagwatch.routes-dir=target/no-routes-dir", "tagwatch.upstream.backoff=10ms"})
abstract class EightInstancesContract {

    static List<FakeMastodon> startInstances() {
        return IntStream.range(0, 8).mapToObj(i -> new FakeMastodon(110_000_000_000_000_000L + i * 1_000_000_000L))
                .toList();
    }

    static void configure(DynamicPropertyRegistry registry, List<FakeMastodon> instances) {
        for (int i = 0; i < instances.size(); i++) {
            registry.add("tagwatch.mastodon.instances[" + i + "].url", instances.get(i)::url);
        }
    }

    /** The subclass's own instances, started for its context. */
    abstract List<FakeMastodon> instances();

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void eachInstanceKeepsItsOwnCheckpointAndOnesNoLongerConfiguredAreDropped() {
        // left by an instance that was configured once
        jdbc.update("INSERT INTO checkpoint (source, tag, upstream, position, updated_at)"
                + " VALUES ('mastodon', 'sre', 'https://gone.example', '42', 0)");
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < instances().size(); i++) {
                FakeMastodon.Status status = new FakeMastodon.Status("https://origin.example/users/u/statuses/"
                        + round + i, Instant.parse("2026-11-19T00:00:00Z").plusSeconds(round * 100L + i),
                        "<p>#sre</p>", "en", List.of("sre"), "u" + i, "https://origin.example", 5, null);
                instances().get(i).federate(status);
                expected.add(MastodonStatusMapper.postId(status.uri()));
            }
            SourceTesting.cycle(camel, "sre");
            assertThat(SourceTesting.storedIds(jdbc, "mastodon", "sre")).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(jdbc.queryForList("SELECT upstream FROM checkpoint WHERE source = 'mastodon' AND tag = 'sre'",
                    String.class)).containsExactlyInAnyOrderElementsOf(instances().stream().map(FakeMastodon::url).toList());
        }
        // the second round paged forward from each instance's own checkpoint
        for (FakeMastodon instance : instances()) {
            assertThat(instance.requests().get(instance.requests().size() - 1).param("min_id")).isNotNull();
        }
    }
}
