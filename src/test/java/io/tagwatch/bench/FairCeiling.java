package io.tagwatch.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the database can do for this schema: every row the store writes for a batch (the author
 * upserts, posts, tag links, each summary count row, the batch number and the checkpoint) written with
 * plain JDBC batches, one transaction per batch of the service's size. Its ratio to the service's
 * ingest is the service's own overhead: HTTP, parsing, the route and camel-sql. Authors have no
 * country here (the resolver is the service's work), so their counts go under ZZ.
 */
final class FairCeiling {

    private static final long QUARTER = 900_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;

    private FairCeiling() {
    }

    /** Posts per second, writing them in batches of {@code batchSize}. */
    static double postsPerSecond(String url, List<BenchPosts.Post> posts, int batchSize) throws SQLException {
        JdbcBaselines.createSchema(url);
        try (Connection db = DriverManager.getConnection(url)) {
            db.setAutoCommit(false);
            long started = System.nanoTime();
            for (int from = 0; from < posts.size(); from += batchSize) {
                write(db, posts.subList(from, Math.min(posts.size(), from + batchSize)), from / batchSize + 1);
                db.commit();
            }
            return posts.size() / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static void write(Connection db, List<BenchPosts.Post> batch, long batchId) throws SQLException {
        try (PreparedStatement sequence = db.prepareStatement("UPDATE store_sequence SET last_batch = ?")) {
            sequence.setLong(1, batchId);
            sequence.executeUpdate();
        }
        Map<String, BenchPosts.Post> newestByAuthor = new LinkedHashMap<>();
        batch.forEach(p -> newestByAuthor.put(p.author().id(), p));
        try (PreparedStatement authors = db.prepareStatement("INSERT INTO author (source, id, username, name, location,"
                + " country, followers, seen_at, updated_at) VALUES ('x', ?, ?, ?, ?, NULL, ?, ?, ?) ON CONFLICT (source, id)"
                + " DO UPDATE SET followers = excluded.followers, seen_at = excluded.seen_at")) {
            for (BenchPosts.Post p : newestByAuthor.values()) {
                authors.setString(1, p.author().id());
                authors.setString(2, p.author().username());
                authors.setString(3, p.author().username());
                authors.setString(4, p.author().location());
                authors.setLong(5, p.author().followers());
                authors.setLong(6, p.createdAtMillis());
                authors.setLong(7, p.createdAtMillis());
                authors.addBatch();
            }
            authors.executeBatch();
        }
        try (PreparedStatement post = db.prepareStatement("INSERT INTO post (source, id, created_at, text, lang, url,"
                + " author_id, batch_id) VALUES ('x', ?, ?, ?, ?, NULL, ?, ?) ON CONFLICT (source, id) DO NOTHING");
                PreparedStatement tag = db.prepareStatement("INSERT INTO post_tag (tag, source, post_id, created_at,"
                        + " batch_id) VALUES (?, 'x', ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (BenchPosts.Post p : batch) {
                post.setString(1, p.id());
                post.setLong(2, p.createdAtMillis());
                post.setString(3, p.text());
                post.setString(4, p.lang());
                post.setString(5, p.author().id());
                post.setLong(6, batchId);
                post.addBatch();
                for (String t : p.tags()) {
                    tag.setString(1, t);
                    tag.setString(2, p.id());
                    tag.setLong(3, p.createdAtMillis());
                    tag.setLong(4, batchId);
                    tag.addBatch();
                }
            }
            post.executeBatch();
            tag.executeBatch();
        }
        counts(db, batch);
        try (PreparedStatement checkpoint = db.prepareStatement("INSERT INTO checkpoint (source, tag, upstream, position,"
                + " updated_at) VALUES ('x', ?, '', ?, ?) ON CONFLICT (source, tag, upstream) DO UPDATE SET position ="
                + " excluded.position, updated_at = excluded.updated_at")) {
            BenchPosts.Post last = batch.get(batch.size() - 1);
            checkpoint.setString(1, last.tags().get(0));
            checkpoint.setString(2, last.id());
            checkpoint.setLong(3, System.currentTimeMillis());
            checkpoint.executeUpdate();
        }
    }

    /** Each count row of the batch, summed in Java and upserted, as the store's statements leave them. */
    private static void counts(Connection db, List<BenchPosts.Post> batch) throws SQLException {
        Map<List<Object>, Long> perSource = new TreeMap<>(FairCeiling::compareKeys);
        Map<List<Object>, Long> perTag = new TreeMap<>(FairCeiling::compareKeys);
        Map<List<Object>, Long> perTagValue = new TreeMap<>(FairCeiling::compareKeys);
        for (BenchPosts.Post p : batch) {
            long at = p.createdAtMillis();
            for (long size : new long[] {QUARTER, HOUR, DAY}) {
                perSource.merge(List.of(size, at / size), 1L, Long::sum);
            }
            for (String t : p.tags()) {
                for (long size : new long[] {QUARTER, HOUR, DAY}) {
                    perTag.merge(List.of(size, t, at / size), 1L, Long::sum);
                }
                perTagValue.merge(List.of("lang_day", t, at / DAY, p.lang()), 1L, Long::sum);
                perTagValue.merge(List.of("country_day", t, at / DAY, "ZZ"), 1L, Long::sum);
                perTagValue.merge(List.of("lang", t, p.lang()), 1L, Long::sum);
                perTagValue.merge(List.of("country", t, "ZZ"), 1L, Long::sum);
            }
        }
        Map<Long, String> sourceTables = Map.of(QUARTER, "posts_per_quarter (source, quarter, posts) VALUES ('x', ?, ?)"
                + " ON CONFLICT (source, quarter) DO UPDATE SET posts = posts_per_quarter.posts + excluded.posts",
                HOUR, "posts_per_hour (source, hour, posts) VALUES ('x', ?, ?) ON CONFLICT (source, hour) DO UPDATE SET"
                        + " posts = posts_per_hour.posts + excluded.posts",
                DAY, "posts_per_day (source, day, posts) VALUES ('x', ?, ?) ON CONFLICT (source, day) DO UPDATE SET"
                        + " posts = posts_per_day.posts + excluded.posts");
        for (Map.Entry<Long, String> table : sourceTables.entrySet()) {
            try (PreparedStatement upsert = db.prepareStatement("INSERT INTO " + table.getValue())) {
                for (Map.Entry<List<Object>, Long> row : perSource.entrySet()) {
                    if (row.getKey().get(0).equals(table.getKey())) {
                        upsert.setLong(1, (Long) row.getKey().get(1));
                        upsert.setLong(2, row.getValue());
                        upsert.addBatch();
                    }
                }
                upsert.executeBatch();
            }
        }
        Map<Long, String> tagTables = Map.of(QUARTER, "tag_posts_per_quarter (tag, source, quarter, posts) VALUES (?, 'x', ?, ?)"
                + " ON CONFLICT (tag, source, quarter) DO UPDATE SET posts = tag_posts_per_quarter.posts + excluded.posts",
                HOUR, "tag_posts_per_hour (tag, source, hour, posts) VALUES (?, 'x', ?, ?) ON CONFLICT (tag, source, hour)"
                        + " DO UPDATE SET posts = tag_posts_per_hour.posts + excluded.posts",
                DAY, "tag_posts_per_day (tag, source, day, posts) VALUES (?, 'x', ?, ?) ON CONFLICT (tag, source, day)"
                        + " DO UPDATE SET posts = tag_posts_per_day.posts + excluded.posts");
        for (Map.Entry<Long, String> table : tagTables.entrySet()) {
            try (PreparedStatement upsert = db.prepareStatement("INSERT INTO " + table.getValue())) {
                for (Map.Entry<List<Object>, Long> row : perTag.entrySet()) {
                    if (row.getKey().get(0).equals(table.getKey())) {
                        upsert.setString(1, (String) row.getKey().get(1));
                        upsert.setLong(2, (Long) row.getKey().get(2));
                        upsert.setLong(3, row.getValue());
                        upsert.addBatch();
                    }
                }
                upsert.executeBatch();
            }
        }
        Map<String, String> valueTables = Map.of(
                "lang_day", "tag_posts_per_day_lang (tag, source, day, lang, posts) VALUES (?, 'x', ?, ?, ?) ON CONFLICT"
                        + " (tag, source, day, lang) DO UPDATE SET posts = tag_posts_per_day_lang.posts + excluded.posts",
                "country_day", "tag_posts_per_day_country (tag, source, day, country, posts) VALUES (?, 'x', ?, ?, ?) ON"
                        + " CONFLICT (tag, source, day, country) DO UPDATE SET posts = tag_posts_per_day_country.posts"
                        + " + excluded.posts",
                "lang", "tag_posts_by_lang (tag, source, lang, posts) VALUES (?, 'x', ?, ?) ON CONFLICT (tag, source, lang)"
                        + " DO UPDATE SET posts = tag_posts_by_lang.posts + excluded.posts",
                "country", "tag_posts_by_country (tag, source, country, posts) VALUES (?, 'x', ?, ?) ON CONFLICT (tag,"
                        + " source, country) DO UPDATE SET posts = tag_posts_by_country.posts + excluded.posts");
        for (Map.Entry<String, String> table : valueTables.entrySet()) {
            try (PreparedStatement upsert = db.prepareStatement("INSERT INTO " + table.getValue())) {
                for (Map.Entry<List<Object>, Long> row : perTagValue.entrySet()) {
                    List<Object> key = row.getKey();
                    if (!key.get(0).equals(table.getKey())) {
                        continue;
                    }
                    for (int i = 1; i < key.size(); i++) {
                        if (key.get(i) instanceof Long number) {
                            upsert.setLong(i, number);
                        } else {
                            upsert.setString(i, (String) key.get(i));
                        }
                    }
                    upsert.setLong(key.size(), row.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c = x.getClass().equals(y.getClass()) ? ((Comparable) x).compareTo(y)
                    : x.getClass().getName().compareTo(y.getClass().getName());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
