package io.tagwatch.support;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.tagwatch.post.SearchWords;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The full-text index checked against the posts: each post's words are the Java rule applied to its
 * text, and the database's own engine (FTS5 or the GIN-indexed tsvector) finds exactly the posts whose
 * words hold a word, for a spread of the words stored.
 */
public final class SearchIndex {

    private static final int WORDS_ASKED = 40;

    private SearchIndex() {
    }

    /** Each difference as a sentence; empty when the index equals the posts. */
    public static List<String> mismatches(JdbcTemplate jdbc) {
        List<String> found = new ArrayList<>();
        Map<String, List<String>> wordsByPost = new TreeMap<>();
        jdbc.query("SELECT source, id, text, words FROM post", rs -> {
            String post = rs.getString("source") + "/" + rs.getString("id");
            String expected = SearchWords.of(rs.getString("text"));
            if (!expected.equals(rs.getString("words")) && found.size() < 5) {
                found.add("post " + post + ": words '" + rs.getString("words") + "', the rule gives '" + expected + "'");
            }
            wordsByPost.put(post, List.of(expected.split(" ")));
        });
        if (isSqlite(jdbc)) {
            try {
                jdbc.update("INSERT INTO post_fts (post_fts, rank) VALUES ('integrity-check', 1)");
            } catch (RuntimeException e) {
                found.add("post_fts: FTS5 integrity-check failed: " + e.getMessage());
            }
        }
        Map<String, Set<String>> postsByWord = new TreeMap<>();
        wordsByPost.forEach((post, words) -> words.stream().filter(w -> !w.isEmpty())
                .forEach(w -> postsByWord.computeIfAbsent(w, k -> new TreeSet<>()).add(post)));
        List<String> words = new ArrayList<>(postsByWord.keySet());
        int step = Math.max(1, words.size() / WORDS_ASKED);
        for (int i = 0; i < words.size(); i += step) {
            String word = words.get(i);
            Set<String> answered = matching(jdbc, List.of(word));
            if (!answered.equals(postsByWord.get(word))) {
                found.add("word '" + word + "': the index finds " + answered.size() + " posts, the words hold it in "
                        + postsByWord.get(word).size());
            }
        }
        return found;
    }

    /** The posts ("source/id") whose index holds the phrase, as the database's engine answers. */
    public static Set<String> matching(JdbcTemplate jdbc, List<String> phrase) {
        String sql = isSqlite(jdbc)
                ? "SELECT p.source, p.id FROM post p WHERE p.rowid IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)"
                : "SELECT p.source, p.id FROM post p WHERE p.search @@ CAST(? AS tsquery)";
        String query = isSqlite(jdbc) ? "\"" + String.join(" ", phrase) + "\""
                : phrase.stream().map(w -> "'" + w + "'").collect(Collectors.joining(" <-> "));
        return new TreeSet<>(jdbc.query(sql, (rs, i) -> rs.getString(1) + "/" + rs.getString(2), query));
    }

    public static boolean isSqlite(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) c -> {
            try {
                return c.getMetaData().getURL().startsWith("jdbc:sqlite:");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }));
    }
}
