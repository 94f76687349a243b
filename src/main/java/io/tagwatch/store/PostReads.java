package io.tagwatch.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.tagwatch.post.AuthorView;
import io.tagwatch.post.PostView;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Stored posts: pages newest first by (created_at, source, id), and single posts. */
@Component
public class PostReads {

    /** A post's place in the list: keyset paging from it stays stable while new posts arrive before it. */
    public record Position(long createdAt, String source, String id) {
    }

    private static final String SELECT = "SELECT p.source, p.id, p.created_at, p.text, p.lang, p.url,"
            + " a.id AS author_id, a.username, a.name, a.followers, a.location, a.country";
    private static final String FROM_AUTHOR = " JOIN author a ON a.source = p.source AND a.id = p.author_id";
    private static final RowMapper<PostView> POST = (rs, i) -> new PostView(rs.getString("source"),
            rs.getString("id"), Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("text"),
            rs.getString("lang"), rs.getString("url"), List.of(),
            new AuthorView(rs.getString("source"), rs.getString("author_id"), rs.getString("username"),
                    rs.getString("name"), rs.getLong("followers"), rs.getString("location"),
                    AuthorView.country(rs.getString("country"))));

    private final NamedParameterJdbcTemplate jdbc;

    public PostReads(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} posts the filter keeps, newest first, after {@code after} when given. */
    public List<PostView> page(PostFilter filter, int limit, Position after) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
        StringBuilder sql = new StringBuilder(SELECT).append(" FROM ").append(filter.postsTable()).append(FROM_AUTHOR)
                .append(" WHERE 1 = 1").append(filter.conditions(params));
        if (after != null) {
            sql.append(" AND (p.created_at < :afterTime OR (p.created_at = :afterTime AND (p.source < :afterSource"
                    + " OR (p.source = :afterSource AND p.id < :afterId))))");
            params.addValue("afterTime", after.createdAt()).addValue("afterSource", after.source())
                    .addValue("afterId", after.id());
        }
        sql.append(" ORDER BY p.created_at DESC, p.source DESC, p.id DESC LIMIT :limit");
        return withTags(jdbc.query(sql.toString(), params, POST));
    }

    /** The post, or none. */
    public List<PostView> one(String source, String id) {
        return withTags(jdbc.query(SELECT + " FROM post p" + FROM_AUTHOR + " WHERE p.source = :source AND p.id = :id",
                new MapSqlParameterSource("source", source).addValue("id", id), POST));
    }

    /** The posts with this id, whatever their source, in source name order. */
    public List<PostView> byIdInAnySource(String id) {
        return withTags(jdbc.query(SELECT + " FROM post p" + FROM_AUTHOR + " WHERE p.id = :id ORDER BY p.source",
                new MapSqlParameterSource("id", id), POST));
    }

    private List<PostView> withTags(List<PostView> posts) {
        if (posts.isEmpty()) {
            return posts;
        }
        Map<String, TreeSet<String>> tagsByPost = new HashMap<>();
        jdbc.query("SELECT source, post_id, tag FROM post_tag WHERE post_id IN (:ids)",
                new MapSqlParameterSource("ids", posts.stream().map(PostView::id).distinct().toList()),
                rs -> {
                    tagsByPost.computeIfAbsent(rs.getString("source") + "\n" + rs.getString("post_id"),
                            k -> new TreeSet<>()).add(rs.getString("tag"));
                });
        List<PostView> complete = new ArrayList<>(posts.size());
        for (PostView p : posts) {
            complete.add(p.withTags(List.copyOf(tagsByPost.getOrDefault(p.source() + "\n" + p.id(), new TreeSet<>()))));
        }
        return complete;
    }
}
