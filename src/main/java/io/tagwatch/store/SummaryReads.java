package io.tagwatch.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tagwatch.post.AuthorView;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The reads behind the summaries. Whole buckets come from the count tables the store route keeps; the
 * partial buckets at the ends of a from/to range are counted from the posts ({@link BucketSpan}), so a
 * summary costs the buckets it spans, not the posts stored. Rows are summed here rather than by GROUP
 * BY, which would sort every row first.
 */
@Component
public class SummaryReads {

    /** Posts are counted per quarter hour: every zone offset in use is a multiple of 15 minutes. */
    public static final long QUARTER_HOUR_MILLIS = 15 * 60 * 1000;
    /** Languages and countries per tag are counted per UTC day: fewer rows, and no zone needs them finer. */
    static final long DAY_MILLIS = 24 * 60 * 60 * 1000;

    static final RowMapper<AuthorView> AUTHOR = (rs, i) -> new AuthorView(rs.getString("source"),
            rs.getString("id"), rs.getString("username"), rs.getString("name"), rs.getLong("followers"),
            rs.getString("location"), AuthorView.country(rs.getString("country")));

    /** Where the posts begin and the instant after they end, to the quarter hour. */
    public record Span(Instant first, Instant end) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public SummaryReads(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The most-followed authors of the posts the filter keeps, by their newest follower count. */
    public List<AuthorView> topUsers(PostFilter filter, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
        String sql = "SELECT a.source, a.id, a.username, a.name, a.followers, a.location, a.country FROM author a"
                + " WHERE EXISTS (SELECT 1 FROM " + filter.postsTable()
                + " WHERE p.source = a.source AND p.author_id = a.id" + filter.conditions(params) + ")"
                + " ORDER BY a.followers DESC, a.username ASC, a.source ASC, a.id ASC LIMIT :limit";
        return jdbc.query(sql, params, AUTHOR);
    }

    /**
     * Posts the filter keeps, distinct posts unless a tag filters, by the instant (epoch milliseconds)
     * where each piece of the range starts: buckets of {@code coarsest} where they fit whole, finer ones
     * towards the ends ({@link Pieces}). Each piece lies wholly inside one bucket of {@code coarsest}.
     */
    public TreeMap<Long, Long> counts(PostFilter filter, Grain coarsest) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        Long from = filter.from() == null ? null : filter.from().toEpochMilli();
        Long to = filter.to() == null ? null : filter.to().toEpochMilli();
        for (Pieces piece : Pieces.of(from, to, coarsest)) {
            MapSqlParameterSource params = new MapSqlParameterSource();
            if (piece.grain() == null) {
                PostFilter edge = filter.between(Instant.ofEpochMilli(piece.from()), Instant.ofEpochMilli(piece.to()));
                add("SELECT p.created_at / " + QUARTER_HOUR_MILLIS + " * " + QUARTER_HOUR_MILLIS + " AS start,"
                        + " COUNT(*) AS posts FROM " + edge.postsTable() + " WHERE 1 = 1" + edge.conditions(params)
                        + " GROUP BY p.created_at / " + QUARTER_HOUR_MILLIS, params, counts);
                continue;
            }
            Grain grain = piece.grain();
            String table = filter.tag() == null ? grain.postsTable : grain.tagTable;
            StringBuilder sql = new StringBuilder("SELECT c.").append(grain.column).append(" * ").append(grain.millis)
                    .append(" AS start, c.posts AS posts FROM ").append(table).append(" c WHERE 1 = 1")
                    .append(filter.countConditions(params));
            if (piece.from() != null) {
                sql.append(" AND c.").append(grain.column).append(" >= :first");
                params.addValue("first", piece.from() / grain.millis);
            }
            if (piece.to() != null) {
                sql.append(" AND c.").append(grain.column).append(" < :end");
                params.addValue("end", piece.to() / grain.millis);
            }
            add(sql.toString(), params, counts);
        }
        counts.values().removeIf(posts -> posts == 0);
        return counts;
    }

    /**
     * The first and last instants with posts the filter keeps (to the quarter hour), from the counts;
     * null when there are none. What a range open at an end reaches, to choose a grain.
     */
    public Span span(PostFilter filter) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String table = filter.tag() == null ? "posts_per_quarter c" : "tag_posts_per_quarter c";
        return jdbc.query("SELECT MIN(c.quarter) AS first, MAX(c.quarter) AS last FROM " + table + " WHERE c.posts <> 0"
                + filter.countConditions(params), params, rs -> {
                    if (!rs.next() || rs.getObject("first") == null) {
                        return null;
                    }
                    return new Span(Instant.ofEpochMilli(rs.getLong("first") * QUARTER_HOUR_MILLIS),
                            Instant.ofEpochMilli((rs.getLong("last") + 1) * QUARTER_HOUR_MILLIS));
                });
    }

    /**
     * Posts per tag and language ({@code byCountry} false) or author country, for the tags given; a post
     * with two tags counts under each. Keys are (tag, value).
     */
    public Map<List<String>, Long> tagValueCounts(PostFilter filter, boolean byCountry, Set<String> tags) {
        Map<List<String>, Long> counts = new HashMap<>();
        if (tags.isEmpty()) {
            return counts;
        }
        BucketSpan span = BucketSpan.of(filter, DAY_MILLIS);
        String value = byCountry ? "c.country" : "c.lang";
        MapSqlParameterSource params = new MapSqlParameterSource("tracked", tags);
        if (filter.from() == null && filter.to() == null) {
            String table = byCountry ? "tag_posts_by_country" : "tag_posts_by_lang";
            addTagValueCounts("SELECT c.tag AS tag, " + value + " AS value, c.posts AS posts FROM " + table + " c"
                    + " WHERE c.tag IN (:tracked)" + filter.countConditions(params), params, counts);
        } else if (span.hasWholeBuckets()) {
            String table = byCountry ? "tag_posts_per_day_country" : "tag_posts_per_day_lang";
            addTagValueCounts("SELECT c.tag AS tag, " + value + " AS value, c.posts AS posts FROM " + table + " c"
                    + " WHERE c.tag IN (:tracked)" + filter.countConditions(params) + span.conditions("c.day", params),
                    params, counts);
        }
        for (PostFilter edge : span.edges()) {
            MapSqlParameterSource edgeParams = new MapSqlParameterSource("tracked", tags);
            String postValue = byCountry ? "COALESCE(a.country, 'ZZ')" : "p.lang";
            String authorJoin = byCountry ? " JOIN author a ON a.source = p.source AND a.id = p.author_id" : "";
            // counted through post_tag, so a post with two tags counts under each
            addTagValueCounts("SELECT t.tag AS tag, " + postValue + " AS value, COUNT(*) AS posts FROM "
                    + PostFilter.TAGGED_POSTS + authorJoin + " WHERE t.tag IN (:tracked)"
                    + edge.conditions(edgeParams, true) + " GROUP BY t.tag, " + postValue, edgeParams, counts);
        }
        counts.values().removeIf(posts -> posts == 0);
        return counts;
    }

    /** Posts per tag, over all time, from the counts the store keeps. */
    public Map<String, Long> postsPerTag(Set<String> tags) {
        Map<String, Long> posts = new HashMap<>();
        if (!tags.isEmpty()) {
            jdbc.query("SELECT tag, SUM(posts) AS posts FROM tag_posts_by_lang WHERE tag IN (:tags) GROUP BY tag",
                    new MapSqlParameterSource("tags", tags), rs -> {
                        posts.put(rs.getString("tag"), rs.getLong("posts"));
                    });
        }
        return posts;
    }

    private void add(String sql, MapSqlParameterSource params, Map<Long, Long> counts) {
        jdbc.query(sql, params, rs -> {
            counts.merge(rs.getLong("start"), rs.getLong("posts"), Long::sum);
        });
    }

    private void addTagValueCounts(String sql, MapSqlParameterSource params, Map<List<String>, Long> counts) {
        jdbc.query(sql, params, rs -> {
            counts.merge(List.of(rs.getString("tag"), rs.getString("value")), rs.getLong("posts"), Long::sum);
        });
    }
}
