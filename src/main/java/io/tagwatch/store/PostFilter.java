package io.tagwatch.store;

import java.time.Instant;

import io.tagwatch.post.AuthorView;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The filters the summaries and the post list share, each null when not given. {@code from} is
 * inclusive and {@code to} exclusive, on a post's created_at; a country of ZZ means unknown. SQL is
 * built from fixed fragments; every value is a parameter.
 */
public record PostFilter(String tag, String source, Instant from, Instant to, String lang, String country) {

    /** The same filter on a narrower time range. */
    PostFilter between(Instant narrowFrom, Instant narrowTo) {
        return new PostFilter(tag, source, narrowFrom, narrowTo, lang, country);
    }

    /** The tag and source conditions on a summary count table {@code c}, each starting with " AND ". */
    String countConditions(MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder();
        if (tag != null) {
            sql.append(" AND c.tag = :tag");
            params.addValue("tag", tag);
        }
        if (source != null) {
            sql.append(" AND c.source = :source");
            params.addValue("source", source);
        }
        return sql.toString();
    }

    static final String TAGGED_POSTS = "post_tag t JOIN post p ON p.source = t.source AND p.id = t.post_id";

    /** Posts as {@code p}, joined to their tag links as {@code t} when filtering by tag. */
    String postsTable() {
        return tag == null ? "post p" : TAGGED_POSTS;
    }

    /** The conditions on {@link #postsTable()}, each starting with " AND ". */
    String conditions(MapSqlParameterSource params) {
        return conditions(params, tag != null);
    }

    /**
     * The conditions on {@link #TAGGED_POSTS}, for summaries per tag. A country filter needs the
     * author joined as {@code a}.
     */
    String conditions(MapSqlParameterSource params, boolean tagsJoined) {
        StringBuilder sql = new StringBuilder();
        // post_tag repeats created_at so that a tag's time range is read from its own index
        String createdAt = tagsJoined ? "t.created_at" : "p.created_at";
        if (tag != null) {
            sql.append(" AND t.tag = :tag");
            params.addValue("tag", tag);
        }
        if (source != null) {
            sql.append(" AND p.source = :source");
            params.addValue("source", source);
        }
        if (from != null) {
            sql.append(" AND ").append(createdAt).append(" >= :from");
            params.addValue("from", from.toEpochMilli());
        }
        if (to != null) {
            sql.append(" AND ").append(createdAt).append(" < :to");
            params.addValue("to", to.toEpochMilli());
        }
        if (lang != null) {
            sql.append(" AND p.lang = :lang");
            params.addValue("lang", lang);
        }
        if (AuthorView.UNKNOWN_COUNTRY.equals(country)) {
            sql.append(" AND a.country IS NULL");
        } else if (country != null) {
            sql.append(" AND a.country = :country");
            params.addValue("country", country);
        }
        return sql.toString();
    }
}
