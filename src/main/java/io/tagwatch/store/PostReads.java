package io.tagwatch.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import javax.sql.DataSource;

import io.tagwatch.post.AuthorView;
import io.tagwatch.post.PostView;
import io.tagwatch.post.SearchQuery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Stored posts: pages newest first by (created_at, source, id), all of them as a stream, and single posts. */
@Component
public class PostReads {

    /** A post's place in the list: keyset paging from it stays stable while new posts arrive before it. */
    public record Position(long createdAt, String source, String id) {
    }

    /** Takes the exported posts one at a time; what it throws ends the export and frees its cursor. */
    public interface Sink {
        void accept(PostView post) throws IOException;
    }

    /** Rows a PostgreSQL cursor hands over at a time: enough to keep the network busy, few enough to keep memory flat. */
    static final int EXPORT_FETCH_SIZE = 500;

    private static final String SELECT = "SELECT p.source, p.id, p.created_at, p.text, p.lang, p.url,"
            + " a.id AS author_id, a.username, a.name, a.followers, a.location, a.country, a.profile_url";
    private static final String FROM_AUTHOR = " JOIN author a ON a.source = p.source AND a.id = p.author_id";
    private static final String NEWEST_FIRST = " ORDER BY p.created_at DESC, p.source DESC, p.id DESC";
    private static final RowMapper<PostView> POST = (rs, i) -> post(rs, List.of());

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate cursors;
    private final TransactionTemplate readOnly;
    private final Engine engine;

    PostReads(NamedParameterJdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
            Engine engine) {
        this.jdbc = jdbc;
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(EXPORT_FETCH_SIZE);
        this.cursors = new NamedParameterJdbcTemplate(fetching);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.engine = engine;
    }

    /** Up to {@code limit} posts the filter and the search keep, newest first, after {@code after} when given. */
    public List<PostView> page(PostFilter filter, SearchQuery search, int limit, Position after) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
        StringBuilder sql = new StringBuilder(SELECT).append(" FROM ").append(filter.postsTable()).append(FROM_AUTHOR)
                .append(" WHERE 1 = 1").append(filter.conditions(params))
                .append(SearchCondition.sql(engine, search, params));
        if (after != null) {
            sql.append(" AND (p.created_at < :afterTime OR (p.created_at = :afterTime AND (p.source < :afterSource"
                    + " OR (p.source = :afterSource AND p.id < :afterId))))");
            params.addValue("afterTime", after.createdAt()).addValue("afterSource", after.source())
                    .addValue("afterId", after.id());
        }
        sql.append(NEWEST_FIRST).append(" LIMIT :limit");
        return withTags(jdbc.query(sql.toString(), params, POST));
    }

    /**
     * Every post the filter and the search keep, newest first as {@link #page} orders them, handed to the
     * sink one at a time from a database cursor, so that memory stays flat whatever their number. On
     * PostgreSQL a cursor needs a transaction (autocommit off) and a fetch size, else the driver reads
     * every row first; on SQLite the read transaction holds no write lock, and it ends with the export.
     * Returns the number of posts.
     */
    public long export(PostFilter filter, SearchQuery search, Sink sink) throws IOException {
        MapSqlParameterSource params = new MapSqlParameterSource();
        // the tags of each post, space separated (a tag has no space), in the same statement: a second
        // query per post would be a round trip each
        String sql = SELECT + ", (SELECT string_agg(pt.tag, ' ') FROM post_tag pt WHERE pt.source = p.source"
                + " AND pt.post_id = p.id) AS tags FROM " + filter.postsTable() + FROM_AUTHOR + " WHERE 1 = 1"
                + filter.conditions(params) + SearchCondition.sql(engine, search, params) + NEWEST_FIRST;
        try {
            Long posts = readOnly.execute(status -> cursors.query(sql, params, rs -> {
                long n = 0;
                while (rs.next()) {
                    String tags = rs.getString("tags");
                    try {
                        sink.accept(post(rs, tags == null ? List.of() : List.copyOf(new TreeSet<>(List.of(tags.split(" "))))));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    n++;
                }
                return n;
            }));
            return posts == null ? 0 : posts;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
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

    private static PostView post(ResultSet rs, List<String> tags) throws SQLException {
        return new PostView(rs.getString("source"), rs.getString("id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("text"), rs.getString("lang"), rs.getString("url"), tags,
                new AuthorView(rs.getString("source"), rs.getString("author_id"), rs.getString("username"),
                        rs.getString("name"), rs.getLong("followers"), rs.getString("location"),
                        AuthorView.country(rs.getString("country")), rs.getString("profile_url")));
    }

    private List<PostView> withTags(List<PostView> posts) {
        if (posts.isEmpty()) {
            return posts;
        }
        Map<String, TreeSet<String>> tagsByPost = new HashMap<>();
        // one statement per source, so that post_tag_by_post (source, post_id) is used: by post_id alone,
        // both databases read every tag link of every post, per page
        Map<String, List<String>> idsBySource = new HashMap<>();
        posts.forEach(p -> idsBySource.computeIfAbsent(p.source(), s -> new ArrayList<>()).add(p.id()));
        idsBySource.forEach((source, ids) -> jdbc.query(
                "SELECT source, post_id, tag FROM post_tag WHERE source = :source AND post_id IN (:ids)",
                new MapSqlParameterSource("source", source).addValue("ids", ids), rs -> {
                    tagsByPost.computeIfAbsent(rs.getString("source") + "\n" + rs.getString("post_id"),
                            k -> new TreeSet<>()).add(rs.getString("tag"));
                }));
        List<PostView> complete = new ArrayList<>(posts.size());
        for (PostView p : posts) {
            complete.add(p.withTags(List.copyOf(tagsByPost.getOrDefault(p.source() + "\n" + p.id(), new TreeSet<>()))));
        }
        return complete;
    }
}
