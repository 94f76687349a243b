package io.tagwatch.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * What the ingest figures are held against, on an empty store with the service's schema: the
 * database's own ceiling (a plain JDBC batch insert of the same authors, posts and tag links in one
 * transaction) and the old exercise's way (insert, then commit, post by post).
 */
final class JdbcBaselines {

    private static final String AUTHOR = "INSERT INTO author (source, id, username, name, location, country, followers,"
            + " seen_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)";
    private static final String AUTHOR_UPSERT = AUTHOR + " ON CONFLICT (source, id) DO UPDATE SET followers ="
            + " excluded.followers, seen_at = excluded.seen_at";
    private static final String POST = "INSERT INTO post (source, id, created_at, text, lang, url, author_id)"
            + " VALUES (?, ?, ?, ?, ?, NULL, ?)";
    private static final String TAG = "INSERT INTO post_tag (tag, source, post_id, created_at) VALUES (?, ?, ?, ?)";

    private JdbcBaselines() {
    }

    static void createSchema(String url) {
        io.tagwatch.store.StoreSchema.migrate(url);
    }

    /** Posts per second of one plain batch insert of everything, committed once. */
    static double ceilingPostsPerSecond(String url, List<BenchPosts.Post> posts) throws SQLException {
        createSchema(url);
        Map<String, BenchPosts.Post> newestByAuthor = new LinkedHashMap<>();
        posts.forEach(p -> newestByAuthor.put(p.author().id(), p));
        try (Connection db = DriverManager.getConnection(url)) {
            db.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement authors = db.prepareStatement(AUTHOR)) {
                int n = 0;
                for (BenchPosts.Post p : newestByAuthor.values()) {
                    bindAuthor(authors, p);
                    authors.addBatch();
                    if (++n % 1000 == 0) {
                        authors.executeBatch();
                    }
                }
                authors.executeBatch();
            }
            try (PreparedStatement post = db.prepareStatement(POST); PreparedStatement tag = db.prepareStatement(TAG)) {
                int n = 0;
                for (BenchPosts.Post p : posts) {
                    bindPost(post, p);
                    post.addBatch();
                    for (String t : p.tags()) {
                        bindTag(tag, p, t);
                        tag.addBatch();
                    }
                    if (++n % 1000 == 0) {
                        post.executeBatch();
                        tag.executeBatch();
                    }
                }
                post.executeBatch();
                tag.executeBatch();
            }
            db.commit();
            return posts.size() / seconds(started);
        }
    }

    /** Posts per second the old exercise's way: each post with its author and tags, then a commit. */
    static double rowByRowPostsPerSecond(String url, List<BenchPosts.Post> posts) throws SQLException {
        createSchema(url);
        try (Connection db = DriverManager.getConnection(url)) {
            db.setAutoCommit(false);
            long started = System.nanoTime();
            try (PreparedStatement author = db.prepareStatement(AUTHOR_UPSERT);
                    PreparedStatement post = db.prepareStatement(POST);
                    PreparedStatement tag = db.prepareStatement(TAG)) {
                for (BenchPosts.Post p : posts) {
                    bindAuthor(author, p);
                    author.executeUpdate();
                    bindPost(post, p);
                    post.executeUpdate();
                    for (String t : p.tags()) {
                        bindTag(tag, p, t);
                        tag.executeUpdate();
                    }
                    db.commit();
                }
            }
            return posts.size() / seconds(started);
        }
    }

    private static void bindAuthor(PreparedStatement statement, BenchPosts.Post p) throws SQLException {
        statement.setString(1, "x");
        statement.setString(2, p.author().id());
        statement.setString(3, p.author().username());
        statement.setString(4, p.author().username());
        statement.setString(5, p.author().location());
        statement.setLong(6, p.author().followers());
        statement.setLong(7, p.createdAtMillis());
        statement.setLong(8, p.createdAtMillis());
    }

    private static void bindPost(PreparedStatement statement, BenchPosts.Post p) throws SQLException {
        statement.setString(1, "x");
        statement.setString(2, p.id());
        statement.setLong(3, p.createdAtMillis());
        statement.setString(4, p.text());
        statement.setString(5, p.lang());
        statement.setString(6, p.author().id());
    }

    private static void bindTag(PreparedStatement statement, BenchPosts.Post p, String tag) throws SQLException {
        statement.setString(1, tag);
        statement.setString(2, "x");
        statement.setString(3, p.id());
        statement.setLong(4, p.createdAtMillis());
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
