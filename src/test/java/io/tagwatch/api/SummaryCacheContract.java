package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.store.Grain;
import io.tagwatch.store.PostFilter;
import io.tagwatch.store.SummaryReads;
import io.tagwatch.support.ApiClient;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The summary cache is never stale: random batches stored between random summary requests, and every
 * answer equals the one computed afresh (Cache-Control: no-cache) at the same data version. The
 * requests come from a small space, so that the same one is asked again after batches changed its
 * answer; the cache must have answered some of them. Seed printed; -Dcache.seed=N replays a run.
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"tagwatch.sources=",
        "tagwatch.routes-dir=target/no-routes-dir"})
abstract class SummaryCacheContract {

    private static final Instant T0 = Instant.parse("2026-11-10T00:00:00Z");
    private static final String[] TAGS = {"sre", "devops", "metrics"};
    private static final String[] ZONES = {"UTC", "Asia/Kolkata", "America/New_York", "Asia/Kathmandu"};

    @Autowired
    ProducerTemplate camel;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SummaryReads reads;
    @LocalServerPort
    int port;

    @Test
    void everyAnswerEqualsOneComputedAfreshAtTheSameVersion() {
        long seed = Long.getLong("cache.seed", System.nanoTime());
        System.out.println("cache exactness seed: " + seed + " (replay with -Dcache.seed=" + seed + ")");
        Random random = new Random(seed);
        ApiClient api = new ApiClient(port);
        int batches = 0;
        int asked = 0;
        List<String> paths = new ArrayList<>();
        for (int step = 0; step < 240; step++) {
            if (random.nextInt(4) == 0) {
                store(randomBatch(random, step));
                batches++;
                continue;
            }
            // half the time a question asked before, most likely under an older version
            String path = !paths.isEmpty() && random.nextBoolean() ? paths.get(random.nextInt(paths.size()))
                    : randomSummary(random);
            paths.add(path);
            ApiClient.Response first = api.get(path);
            ApiClient.Response again = api.get(path); // from the cache: nothing was stored in between
            ApiClient.Response fresh = api.get(path, "Cache-Control", "no-cache");
            assertThat(first.status()).as(path).isEqualTo(200);
            assertThat(first.json()).as("%s after %d batches (seed %d)", path, batches, seed).isEqualTo(fresh.json());
            assertThat(again.json()).as("%s again (seed %d)", path, seed).isEqualTo(fresh.json());
            asked++;
        }
        double hits = meters.get("cache.gets").tag("cache", "summaries").tag("result", "hit").functionCounter().count();
        assertThat(batches).isPositive();
        assertThat(hits).as("answers from the cache, of %d", 2 * asked).isGreaterThanOrEqualTo(asked);
        assertThat(meters.get("tagwatch.summary.cache.weight").gauge().value()).isPositive();
    }

    /**
     * Hours and days read from their own counts, with finer pieces towards the ends of a cut range,
     * add up to what the quarter hours say, for any range, tag and source.
     */
    @Test
    void coarserCountsFoldToWhatTheQuarterHoursSay() {
        Random random = new Random(31);
        for (int step = 0; step < 40; step++) {
            store(randomBatch(random, 1000 + step));
        }
        for (int i = 0; i < 200; i++) {
            String tag = random.nextBoolean() ? null : TAGS[random.nextInt(TAGS.length)];
            Instant from = random.nextInt(4) == 0 ? null : T0.plusSeconds(random.nextInt(4 * 86_400));
            Instant to = random.nextInt(4) == 0 ? null
                    : (from == null ? T0 : from).plusSeconds(1 + random.nextInt(3 * 86_400));
            PostFilter filter = new PostFilter(tag, random.nextBoolean() ? null : "test", from, to, null, null);
            TreeMap<Long, Long> quarters = reads.counts(filter, Grain.QUARTER);
            for (Grain grain : List.of(Grain.HOUR, Grain.DAY)) {
                assertThat(fold(reads.counts(filter, grain), grain)).as("%s by %s", filter, grain)
                        .isEqualTo(fold(quarters, grain));
            }
        }
    }

    private static Map<Long, Long> fold(Map<Long, Long> counts, Grain grain) {
        Map<Long, Long> folded = new TreeMap<>();
        counts.forEach((start, posts) -> folded.merge(Math.floorDiv(start, grain.millis()), posts, Long::sum));
        return folded;
    }

    private static String randomSummary(Random random) {
        List<String> params = new ArrayList<>();
        if (random.nextBoolean()) {
            params.add("tag=" + TAGS[random.nextInt(TAGS.length)]);
        }
        if (random.nextInt(4) == 0) {
            params.add("source=test");
        }
        if (random.nextInt(3) == 0) {
            // a range cut inside quarter hours, so its edges are counted from the posts
            Instant from = T0.plusSeconds(random.nextInt(3) * 86_400L + 437);
            params.add("from=" + from);
            if (random.nextBoolean()) {
                params.add("to=" + from.plus(Duration.ofHours(1 + random.nextInt(40))).plusSeconds(61));
            }
        }
        String tz = "tz=" + ZONES[random.nextInt(ZONES.length)];
        return switch (random.nextInt(4)) {
            case 0 -> path("top-users", params, "limit=" + (1 + random.nextInt(3)));
            case 1 -> path("posts-by-hour", params, tz);
            case 2 -> path("posts-by-tag", params, "by=" + (random.nextBoolean() ? "language" : "country"));
            default -> path("timeline", params, tz, "bucket=" + (random.nextBoolean() ? "hour" : "day"));
        };
    }

    private static String path(String summary, List<String> params, String... more) {
        List<String> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return "/api/v1/stats/" + summary + "?" + String.join("&", all);
    }

    private static CollectedBatch randomBatch(Random random, int step) {
        Map<String, Author> authors = new TreeMap<>();
        List<Post> posts = new ArrayList<>();
        String[] countries = {"PT", "BR", null, "US"};
        for (int i = 0; i < 1 + random.nextInt(6); i++) {
            // a small id space: re-delivered posts change nothing, and authors move between countries
            String id = Integer.toString(random.nextInt(300));
            String authorId = "a" + random.nextInt(8);
            authors.put(authorId, new Author("test", authorId, authorId, authorId, "somewhere",
                    countries[random.nextInt(countries.length)], random.nextInt(1000), T0.plusSeconds(step)));
            posts.add(new Post("test", id, T0.plusSeconds(Long.parseLong(id) * 997 % (4 * 86_400)), "post " + id,
                    random.nextBoolean() ? "en" : "pt", null, authorId,
                    List.of(TAGS[random.nextInt(TAGS.length)], TAGS[random.nextInt(TAGS.length)])));
        }
        return new CollectedBatch("test", TAGS[random.nextInt(TAGS.length)], posts, List.copyOf(authors.values()),
                Checkpoints.of("cp" + step), 1, posts.size(), List.of());
    }

    private void store(CollectedBatch batch) {
        Exchange done = camel.send("direct:store-batch", e -> e.getMessage().setBody(batch));
        assertThat(done.getException()).isNull();
    }
}
