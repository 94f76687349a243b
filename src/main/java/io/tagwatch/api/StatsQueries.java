package io.tagwatch.api;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tagwatch.api.ApiResponses.AuthorView;
import io.tagwatch.api.ApiResponses.HourCount;
import io.tagwatch.api.ApiResponses.PostsByHour;
import io.tagwatch.api.ApiResponses.PostsByTag;
import io.tagwatch.api.ApiResponses.TagValueCount;
import io.tagwatch.api.ApiResponses.Timeline;
import io.tagwatch.api.ApiResponses.TimelineBucket;
import io.tagwatch.api.ApiResponses.TopUsers;
import io.tagwatch.collect.TrackedTags;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The summaries: top users, posts by hour of day, posts per tag by language or country, timeline. */
@Component
public class StatsQueries {

    /**
     * Posts are counted per quarter hour in SQL and folded into local hours and days in Java: every
     * zone offset in use is a multiple of 15 minutes (India +5:30, Nepal +5:45), so each quarter hour
     * lies wholly inside one local hour, and DST is handled by java.time rather than by each database.
     */
    static final long QUARTER_HOUR_MILLIS = 15 * 60 * 1000;
    static final long HOUR_MILLIS = 60 * 60 * 1000;
    /** Languages and countries per tag are counted per UTC day: fewer rows, and no zone needs them finer. */
    static final long DAY_MILLIS = 24 * 60 * 60 * 1000;

    static final RowMapper<AuthorView> AUTHOR = (rs, i) -> new AuthorView(rs.getString("source"),
            rs.getString("id"), rs.getString("username"), rs.getString("name"), rs.getLong("followers"),
            rs.getString("location"), ApiResponses.country(rs.getString("country")));

    private final NamedParameterJdbcTemplate jdbc;
    private final TrackedTags trackedTags;

    public StatsQueries(NamedParameterJdbcTemplate jdbc, TrackedTags trackedTags) {
        this.jdbc = jdbc;
        this.trackedTags = trackedTags;
    }

    public TopUsers topUsers(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParams query = QueryParams.parse(rawQuery);
        int limit = query.integer("limit", 1, 100, 5);
        return new TopUsers(topUsers(PostFilter.summary(query, trackedTags), limit));
    }

    List<AuthorView> topUsers(PostFilter filter, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("limit", limit);
        String sql = "SELECT a.source, a.id, a.username, a.name, a.followers, a.location, a.country FROM author a"
                + " WHERE EXISTS (SELECT 1 FROM " + filter.postsTable()
                + " WHERE p.source = a.source AND p.author_id = a.id" + filter.conditions(params) + ")"
                + " ORDER BY a.followers DESC, a.username ASC, a.source ASC, a.id ASC LIMIT :limit";
        return jdbc.query(sql, params, AUTHOR);
    }

    public PostsByHour postsByHour(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParams query = QueryParams.parse(rawQuery);
        ZoneId zone = query.zone("tz");
        long[] hours = new long[24];
        long total = 0;
        ZoneRules rules = zone.getRules();
        for (Map.Entry<Long, Long> quarter : quarterHourCounts(PostFilter.summary(query, trackedTags)).entrySet()) {
            Instant start = start(quarter.getKey());
            long localMillis = start.toEpochMilli() + rules.getOffset(start).getTotalSeconds() * 1000L;
            hours[(int) Math.floorMod(Math.floorDiv(localMillis, HOUR_MILLIS), 24L)] += quarter.getValue();
            total += quarter.getValue();
        }
        List<HourCount> items = new ArrayList<>(24);
        for (int hour = 0; hour < 24; hour++) {
            items.add(new HourCount(hour, hours[hour]));
        }
        return new PostsByHour(zone.getId(), total, items);
    }

    public PostsByTag postsByTag(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParams query = QueryParams.parse(rawQuery);
        String by = query.oneOf("by", Set.of("language", "country"), "language");
        PostFilter filter = PostFilter.summary(query, trackedTags);
        Set<String> tags = trackedTags.current();
        if (tags.isEmpty()) {
            return new PostsByTag(by, List.of());
        }
        BucketSpan span = BucketSpan.of(filter, DAY_MILLIS);
        Map<List<String>, Long> counts = new HashMap<>();
        String value = by.equals("language") ? "c.lang" : "c.country";
        MapSqlParameterSource params = new MapSqlParameterSource("tracked", tags);
        if (filter.from() == null && filter.to() == null) {
            String table = by.equals("language") ? "tag_posts_by_lang" : "tag_posts_by_country";
            addTagValueCounts("SELECT c.tag AS tag, " + value + " AS value, c.posts AS posts FROM " + table + " c"
                    + " WHERE c.tag IN (:tracked)" + filter.countConditions(params), params, counts);
        } else if (span.hasWholeBuckets()) {
            String table = by.equals("language") ? "tag_posts_per_day_lang" : "tag_posts_per_day_country";
            // summed here rather than by GROUP BY, which would sort every row first
            addTagValueCounts("SELECT c.tag AS tag, " + value + " AS value, c.posts AS posts FROM " + table + " c"
                    + " WHERE c.tag IN (:tracked)" + filter.countConditions(params) + span.conditions("c.day", params),
                    params, counts);
        }
        for (PostFilter edge : span.edges()) {
            addTagValueCounts(edge, by, tags, counts);
        }
        List<TagValueCount> items = new ArrayList<>();
        counts.forEach((tagValue, posts) -> {
            if (posts != 0) {
                items.add(new TagValueCount(tagValue.get(0), tagValue.get(1), posts));
            }
        });
        items.sort(Comparator.comparing(TagValueCount::tag).thenComparing(TagValueCount::posts, Comparator.reverseOrder())
                .thenComparing(TagValueCount::value));
        return new PostsByTag(by, items);
    }

    /** Counts a range of posts per tag and language or country from the posts themselves. */
    private void addTagValueCounts(PostFilter filter, String by, Set<String> tags, Map<List<String>, Long> counts) {
        MapSqlParameterSource params = new MapSqlParameterSource("tracked", tags);
        String value = by.equals("language") ? "p.lang" : "COALESCE(a.country, 'ZZ')";
        String authorJoin = by.equals("language") ? "" : " JOIN author a ON a.source = p.source AND a.id = p.author_id";
        // counted through post_tag, so a post with two tags counts under each
        String sql = "SELECT t.tag AS tag, " + value + " AS value, COUNT(*) AS posts FROM " + PostFilter.TAGGED_POSTS
                + authorJoin + " WHERE t.tag IN (:tracked)" + filter.conditions(params, true)
                + " GROUP BY t.tag, " + value;
        addTagValueCounts(sql, params, counts);
    }

    private void addTagValueCounts(String sql, MapSqlParameterSource params, Map<List<String>, Long> counts) {
        jdbc.query(sql, params, rs -> {
            counts.merge(List.of(rs.getString("tag"), rs.getString("value")), rs.getLong("posts"), Long::sum);
        });
    }

    public Timeline timeline(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParams query = QueryParams.parse(rawQuery);
        ChronoUnit unit = query.oneOf("bucket", Set.of("hour", "day"), "hour").equals("hour")
                ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        ZoneId zone = query.zone("tz");
        TreeMap<Instant, Long> buckets = new TreeMap<>();
        // quarters come in order, so a bucket's bounds are worked out once for all its quarters
        Instant bucketStart = Instant.MIN;
        Instant bucketEnd = Instant.MIN;
        for (Map.Entry<Long, Long> quarter : quarterHourCounts(PostFilter.summary(query, trackedTags)).entrySet()) {
            Instant at = start(quarter.getKey());
            if (at.isBefore(bucketStart) || !at.isBefore(bucketEnd)) {
                ZonedDateTime start = at.atZone(zone).truncatedTo(unit);
                bucketStart = start.toInstant();
                bucketEnd = start.plus(1, unit).truncatedTo(unit).toInstant();
            }
            buckets.merge(bucketStart, quarter.getValue(), Long::sum);
        }
        List<TimelineBucket> items = new ArrayList<>();
        if (!buckets.isEmpty()) {
            // every bucket from the first to the last with posts, empty ones included, so a chart has no gaps
            ZonedDateTime last = buckets.lastKey().atZone(zone);
            for (ZonedDateTime at = buckets.firstKey().atZone(zone); !at.isAfter(last); at = at.plus(1, unit)
                    .truncatedTo(unit)) {
                items.add(new TimelineBucket(at.toInstant(), buckets.getOrDefault(at.toInstant(), 0L)));
            }
        }
        return new Timeline(items);
    }

    /** Posts matching the filter per quarter hour since the epoch, distinct posts unless a tag filters. */
    private Map<Long, Long> quarterHourCounts(PostFilter filter) {
        BucketSpan span = BucketSpan.of(filter, QUARTER_HOUR_MILLIS);
        Map<Long, Long> counts = new TreeMap<>();
        if (span.hasWholeBuckets()) {
            MapSqlParameterSource params = new MapSqlParameterSource();
            String table = filter.tag() == null ? "posts_per_quarter c" : "tag_posts_per_quarter c";
            // summed here rather than by GROUP BY, which would sort every row first
            String sql = "SELECT c.quarter AS quarter, c.posts AS posts FROM " + table + " WHERE 1 = 1"
                    + filter.countConditions(params) + span.conditions("c.quarter", params);
            addQuarterHourCounts(sql, params, counts);
        }
        for (PostFilter edge : span.edges()) {
            MapSqlParameterSource params = new MapSqlParameterSource();
            String sql = "SELECT p.created_at / " + QUARTER_HOUR_MILLIS + " AS quarter, COUNT(*) AS posts FROM "
                    + edge.postsTable() + " WHERE 1 = 1" + edge.conditions(params) + " GROUP BY quarter";
            addQuarterHourCounts(sql, params, counts);
        }
        counts.values().removeIf(posts -> posts == 0);
        return counts;
    }

    private void addQuarterHourCounts(String sql, MapSqlParameterSource params, Map<Long, Long> counts) {
        jdbc.query(sql, params, rs -> {
            counts.merge(rs.getLong("quarter"), rs.getLong("posts"), Long::sum);
        });
    }

    private static Instant start(long quarter) {
        return Instant.ofEpochMilli(quarter * QUARTER_HOUR_MILLIS);
    }
}
