package io.tagwatch.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.tagwatch.api.ApiResponses.AuthorView;
import io.tagwatch.api.ApiResponses.PostPage;
import io.tagwatch.api.ApiResponses.PostView;
import io.tagwatch.collect.TrackedTags;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Stored posts: the paged list and single posts. */
@Component
public class PostQueries {

    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final String SELECT = "SELECT p.source, p.id, p.created_at, p.text, p.lang, p.url,"
            + " a.id AS author_id, a.username, a.name, a.followers, a.location, a.country";
    private static final String FROM_AUTHOR = " JOIN author a ON a.source = p.source AND a.id = p.author_id";

    private final NamedParameterJdbcTemplate jdbc;
    private final TrackedTags trackedTags;

    public PostQueries(NamedParameterJdbcTemplate jdbc, TrackedTags trackedTags) {
        this.jdbc = jdbc;
        this.trackedTags = trackedTags;
    }

    public PostPage list(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParams query = QueryParams.parse(rawQuery);
        int limit = query.integer("limit", 1, 200, 50);
        String cursor = query.text("cursor");
        return page(PostFilter.posts(query, trackedTags), limit, cursor == null ? null : PostCursor.decode(cursor));
    }

    PostPage page(PostFilter filter, int limit, PostCursor after) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit + 1);
        StringBuilder sql = new StringBuilder(SELECT).append(" FROM ").append(filter.postsTable()).append(FROM_AUTHOR)
                .append(" WHERE 1 = 1").append(filter.conditions(params));
        if (after != null) {
            sql.append(" AND (p.created_at < :afterTime OR (p.created_at = :afterTime AND (p.source < :afterSource"
                    + " OR (p.source = :afterSource AND p.id < :afterId))))");
            params.addValue("afterTime", after.createdAt()).addValue("afterSource", after.source())
                    .addValue("afterId", after.id());
        }
        sql.append(" ORDER BY p.created_at DESC, p.source DESC, p.id DESC LIMIT :limit");
        List<PostView> posts = withTags(jdbc.query(sql.toString(), params, POST));
        if (posts.size() <= limit) {
            return new PostPage(posts, null);
        }
        PostView last = posts.get(limit - 1);
        return new PostPage(posts.subList(0, limit),
                new PostCursor(last.createdAt().toEpochMilli(), last.source(), last.id()).encode());
    }

    public PostView one(@Header("source") String source, @Header("id") String id) {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw ApiProblemException.badParameter("source", "source must be a source name such as x or mastodon");
        }
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiProblemException.badParameter("id", "id must be 1 to 128 letters, digits or ._:@-");
        }
        List<PostView> posts = withTags(jdbc.query(SELECT + " FROM post p" + FROM_AUTHOR
                + " WHERE p.source = :source AND p.id = :id",
                new MapSqlParameterSource("source", source).addValue("id", id), POST));
        if (posts.isEmpty()) {
            throw ApiProblemException.notFound("no post " + id + " from source " + source);
        }
        return posts.get(0);
    }

    /** The seed service's lookup by id alone, for its old clients; the first source in name order wins. */
    List<PostView> byIdInAnySource(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiProblemException.badParameter("id", "id must be 1 to 128 letters, digits or ._:@-");
        }
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
            complete.add(new PostView(p.source(), p.id(), p.createdAt(), p.text(), p.lang(), p.url(),
                    List.copyOf(tagsByPost.getOrDefault(p.source() + "\n" + p.id(), new TreeSet<>())), p.author()));
        }
        return complete;
    }

    private static final RowMapper<PostView> POST = (rs, i) -> new PostView(rs.getString("source"),
            rs.getString("id"), Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("text"),
            rs.getString("lang"), rs.getString("url"), List.of(),
            new AuthorView(rs.getString("source"), rs.getString("author_id"), rs.getString("username"),
                    rs.getString("name"), rs.getLong("followers"), rs.getString("location"),
                    ApiResponses.country(rs.getString("country"))));
}
