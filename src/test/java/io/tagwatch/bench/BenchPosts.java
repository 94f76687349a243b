package io.tagwatch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import io.tagwatch.support.DemoDataset;

/**
 * Posts for the benchmarks, resampled from the demo dataset: each is a copy of a random demo post
 * (its language, its tracked tags, its hour of the week) by one of several copies of its author (same
 * location, same follower count), moved by whole weeks into a four-week span. So 1,000,000 posts have
 * the demo's distributions, and 10,000 posts cover the same span as 1,000,000.
 */
final class BenchPosts {

    static final Instant END = Instant.parse("2026-11-20T00:00:00Z");
    static final int WEEKS = 4;

    record Author(String id, String username, String location, long followers) {
    }

    record Post(String id, long createdAtMillis, String lang, List<String> tags, Author author) {

        String text() {
            return "Post " + id + " about " + String.join(" and ", tags) + ": what we learned running it in production "
                    + tags.stream().map(t -> "#" + t).reduce((a, b) -> a + " " + b).orElse("");
        }
    }

    private BenchPosts() {
    }

    /**
     * n posts, oldest first, with ids that grow with time as X's do. The ids are Snowflake ids of a day
     * ago (the posts' own dates span four weeks): the collector treats a checkpoint older than the 7 days
     * X serves as gone, so ids as old as the dates would make it give the stream up.
     */
    static List<Post> generate(int n, long seed) {
        DemoDataset demo = DemoDataset.load();
        List<DemoDataset.Post> templates = demo.postsList();
        templates.sort(Comparator.comparing(DemoDataset.Post::id));
        int copiesPerAuthor = Math.max(1, (int) Math.ceil((double) n / templates.size()));
        Instant demoStart = templates.stream().map(DemoDataset.Post::createdAt).min(Comparator.naturalOrder()).orElseThrow();
        Duration shift = Duration.between(demoStart, END).minusDays(7L * WEEKS).plusDays(7);
        Random random = new Random(seed);
        List<Post> posts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            DemoDataset.Post template = templates.get(random.nextInt(templates.size()));
            DemoDataset.Author demoAuthor = demo.authors.get(template.authorId());
            int copy = random.nextInt(copiesPerAuthor);
            Author author = new Author(demoAuthor.id() + "0" + copy, demoAuthor.username() + "_" + copy,
                    demoAuthor.location(), demoAuthor.followers());
            long createdAt = template.createdAt().plus(shift).minus(Duration.ofDays(7L * random.nextInt(WEEKS)))
                    .toEpochMilli() + random.nextInt(1000);
            posts.add(new Post(null, createdAt, template.lang(), List.copyOf(template.tags()), author));
        }
        posts.sort(Comparator.comparingLong(Post::createdAtMillis));
        long firstId = (Instant.now().minus(Duration.ofDays(1)).toEpochMilli() - 1_288_834_974_657L) << 22;
        List<Post> withIds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Post p = posts.get(i);
            withIds.add(new Post(Long.toString(firstId + i), p.createdAtMillis(), p.lang(), p.tags(), p.author()));
        }
        return withIds;
    }
}
