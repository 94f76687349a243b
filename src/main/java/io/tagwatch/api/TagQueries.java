package io.tagwatch.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tagwatch.api.ApiResponses.ResolvedLocation;
import io.tagwatch.api.ApiResponses.TagView;
import io.tagwatch.api.ApiResponses.Tags;
import io.tagwatch.collect.CollectionStatus;
import io.tagwatch.collect.TrackedTags;
import io.tagwatch.geo.CountryResolver;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The tracked tags with their post counts and source states, and the location resolver's diagnostic. */
@Component
public class TagQueries {

    private final NamedParameterJdbcTemplate jdbc;
    private final TrackedTags trackedTags;
    private final CollectionStatus status;
    private final CountryResolver countries;

    public TagQueries(NamedParameterJdbcTemplate jdbc, TrackedTags trackedTags, CollectionStatus status,
            CountryResolver countries) {
        this.jdbc = jdbc;
        this.trackedTags = trackedTags;
        this.status = status;
        this.countries = countries;
    }

    public Tags tags() {
        Set<String> tags = trackedTags.current();
        Map<String, Long> posts = new HashMap<>();
        if (!tags.isEmpty()) {
            // the all-time counts the store keeps, not a count of every post_tag row on each request
            jdbc.query("SELECT tag, SUM(posts) AS posts FROM tag_posts_by_lang WHERE tag IN (:tags) GROUP BY tag",
                    new MapSqlParameterSource("tags", tags), rs -> {
                        posts.put(rs.getString("tag"), rs.getLong("posts"));
                    });
        }
        List<TagView> items = tags.stream()
                .map(tag -> new TagView(tag, posts.getOrDefault(tag, 0L), status.forTag(tag)))
                .toList();
        return new Tags(items);
    }

    public ResolvedLocation resolve(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        String location = QueryParams.parse(rawQuery).text("location");
        if (location == null) {
            throw ApiProblemException.badParameter("location", "location is required");
        }
        String country = countries.resolve(location);
        return new ResolvedLocation(location, ApiResponses.country(country));
    }
}
