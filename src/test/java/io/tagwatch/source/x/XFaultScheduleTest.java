package io.tagwatch.source.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.tagwatch.source.x.FakeX.Fault;
import io.tagwatch.support.SourceTesting;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A seeded random schedule of upstream faults (429, 503, timeouts, truncated bodies, old posts sent
 * again) over many cycles while posts keep arriving: afterwards the store holds exactly the fake's
 * posts, none lost and none twice.
 */
@DirtiesContext
@SpringBootTest(properties = {"tagwatch.sources=x", "tagwatch.collect.first-run-delay=3600000",
        "tagwatch.routes-dir=target/no-routes-dir", "tagwatch.upstream.backoff=5ms", "tagwatch.upstream.retries=1",
        "tagwatch.upstream.read-timeout=300ms", "tagwatch.upstream.circuit-failures=1000",
        "tagwatch.x.max-pages-per-cycle=20", "tagwatch.x.daily-read-budget=1000000"})
class XFaultScheduleTest {

    static final FakeX FAKE = new FakeX();
    private static final List<Fault> SCHEDULE = List.of(Fault.RATE_LIMIT, Fault.SERVER_ERROR, Fault.TIMEOUT,
            Fault.TRUNCATED, Fault.IGNORE_SINCE_ID);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-x-faults");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.x.base-url", FAKE::baseUrl);
        registry.add("tagwatch.x.bearer-token", () -> "fake-bearer-for-faults");
    }

    @AfterAll
    static void stopFake() {
        FAKE.close();
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void nothingIsLostOrDuplicatedThroughARunOfFaults() throws Exception {
        FAKE.acceptToken("fake-bearer-for-faults");
        Random random = new Random(20261128);
        Map<Fault, Integer> injected = new EnumMap<>(Fault.class);
        List<String> tags = List.of("sre", "devops");
        for (int cycle = 0; cycle < 60; cycle++) {
            FAKE.add(random.nextInt(25), random.nextBoolean() ? "sre" : "DevOps");
            if (random.nextInt(4) == 0) {
                FAKE.add(1, "SRE", "devops");
            }
            for (int i = random.nextInt(3); i > 0; i--) {
                Fault fault = SCHEDULE.get(random.nextInt(SCHEDULE.size()));
                injected.merge(fault, 1, Integer::sum);
                FAKE.fault(fault);
            }
            // a rate limit's reset is already due by the next cycle, so the schedule keeps moving
            FAKE.rateLimit(450, Instant.now());
            SourceTesting.cycle(camel, tags.get(cycle % 2));
        }
        FAKE.clearFaults();
        for (String tag : tags) {
            SourceTesting.cycle(camel, tag);
        }

        int lost = 0;
        for (String tag : tags) {
            List<String> stored = SourceTesting.storedIds(jdbc, "x", tag);
            assertThat(stored).as(tag).containsExactlyInAnyOrderElementsOf(FAKE.idsFor(tag));
            lost += FAKE.idsFor(tag).size() - stored.size();
        }
        long posts = jdbc.queryForObject("SELECT COUNT(*) FROM post", Long.class);
        long distinct = jdbc.queryForObject("SELECT COUNT(DISTINCT id) FROM post", Long.class);
        int total = injected.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("faults: %d injected %s, %d lost, %d duplicated, %d posts stored%n", total, injected, lost,
                posts - distinct, posts);
        assertThat(total).isGreaterThan(30);
        assertThat(posts).isEqualTo(distinct);
    }
}
