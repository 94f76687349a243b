package io.tagwatch.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Recounts every summary count table from the posts and lists where the two differ: the counts are
 * only worth having if they equal the posts exactly, after any mix of batches, crashes and retries.
 */
public final class SummaryCounts {

    private static final Map<String, String[]> RECOUNTS = Map.ofEntries(Map.entry(
            "posts_per_hour", new String[] {"source || '|' || hour",
                "SELECT source || '|' || (created_at / 3600000) AS k, COUNT(*) AS n FROM post GROUP BY source, created_at / 3600000"}),
            Map.entry("tag_posts_per_hour", new String[] {"tag || '|' || source || '|' || hour",
                "SELECT tag || '|' || source || '|' || (created_at / 3600000) AS k, COUNT(*) AS n FROM post_tag"
                        + " GROUP BY tag, source, created_at / 3600000"}),
            Map.entry("posts_per_day", new String[] {"source || '|' || day",
                "SELECT source || '|' || (created_at / 86400000) AS k, COUNT(*) AS n FROM post GROUP BY source, created_at / 86400000"}),
            Map.entry("tag_posts_per_day", new String[] {"tag || '|' || source || '|' || day",
                "SELECT tag || '|' || source || '|' || (created_at / 86400000) AS k, COUNT(*) AS n FROM post_tag"
                        + " GROUP BY tag, source, created_at / 86400000"}),
            Map.entry("tag_posts_by_lang", new String[] {"tag || '|' || source || '|' || lang",
                "SELECT t.tag || '|' || t.source || '|' || p.lang AS k, COUNT(*) AS n FROM post_tag t"
                        + " JOIN post p ON p.source = t.source AND p.id = t.post_id GROUP BY t.tag, t.source, p.lang"}),
            Map.entry("tag_posts_by_country", new String[] {"tag || '|' || source || '|' || country",
                "SELECT t.tag || '|' || t.source || '|' || COALESCE(a.country, 'ZZ') AS k, COUNT(*) AS n FROM post_tag t"
                        + " JOIN post p ON p.source = t.source AND p.id = t.post_id"
                        + " JOIN author a ON a.source = p.source AND a.id = p.author_id"
                        + " GROUP BY t.tag, t.source, COALESCE(a.country, 'ZZ')"}),
            Map.entry("posts_per_quarter", new String[] {"source || '|' || quarter",
                "SELECT source || '|' || (created_at / 900000) AS k, COUNT(*) AS n FROM post GROUP BY source, created_at / 900000"}),
            Map.entry("tag_posts_per_quarter", new String[] {"tag || '|' || source || '|' || quarter",
                "SELECT tag || '|' || source || '|' || (created_at / 900000) AS k, COUNT(*) AS n FROM post_tag"
                        + " GROUP BY tag, source, created_at / 900000"}),
            Map.entry("tag_posts_per_day_lang", new String[] {"tag || '|' || source || '|' || day || '|' || lang",
                "SELECT t.tag || '|' || t.source || '|' || (t.created_at / 86400000) || '|' || p.lang AS k, COUNT(*) AS n"
                        + " FROM post_tag t JOIN post p ON p.source = t.source AND p.id = t.post_id"
                        + " GROUP BY t.tag, t.source, t.created_at / 86400000, p.lang"}),
            Map.entry("tag_posts_per_day_country", new String[] {"tag || '|' || source || '|' || day || '|' || country",
                "SELECT t.tag || '|' || t.source || '|' || (t.created_at / 86400000) || '|' || COALESCE(a.country, 'ZZ') AS k,"
                        + " COUNT(*) AS n FROM post_tag t JOIN post p ON p.source = t.source AND p.id = t.post_id"
                        + " JOIN author a ON a.source = p.source AND a.id = p.author_id"
                        + " GROUP BY t.tag, t.source, t.created_at / 86400000, COALESCE(a.country, 'ZZ')"}));

    private SummaryCounts() {
    }

    /** Each difference as "table key: counted N, recounted M"; empty when every count is right. */
    public static List<String> mismatches(JdbcTemplate jdbc) {
        List<String> found = new ArrayList<>();
        RECOUNTS.forEach((table, sql) -> {
            Map<String, Long> kept = counts(jdbc, "SELECT " + sql[0] + " AS k, posts AS n FROM " + table + " WHERE posts <> 0");
            Map<String, Long> recounted = counts(jdbc, sql[1]);
            if (!kept.equals(recounted)) {
                TreeMap<String, Long> all = new TreeMap<>(kept);
                recounted.forEach(all::putIfAbsent);
                all.keySet().stream().filter(k -> !java.util.Objects.equals(kept.get(k), recounted.get(k)))
                        .limit(5).forEach(k -> found.add(table + " " + k + ": counted " + kept.get(k)
                                + ", recounted " + recounted.get(k)));
            }
        });
        return found;
    }

    private static Map<String, Long> counts(JdbcTemplate jdbc, String sql) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query(sql, rs -> {
            counts.put(rs.getString("k"), rs.getLong("n"));
        });
        return counts;
    }
}
