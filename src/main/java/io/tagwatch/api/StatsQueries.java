package io.tagwatch.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import io.tagwatch.collect.PostTimes;
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
    private final Clock clock;

    public StatsQueries(NamedParameterJdbcTemplate jdbc, TrackedTags trackedTags, Clock clock) {
        this.jdbc = jdbc;
        this.trackedTags = trackedTags;
        this.clock = clock;
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
        PostFilter filter = PostFilter.summary(query, trackedTags);
        if (filter.from() != null && filter.to() != null) {
            Buckets.checkQuarterHours(zone, filter.from(), filter.to(), "tz");
        }
        TreeMap<Long, Long> quarters = quarterHourCounts(filter);
        checkZoneOverData(zone, quarters);
        long[] hours = new long[24];
        long total = 0;
        ZoneRules rules = zone.getRules();
        for (Map.Entry<Long, Long> quarter : quarters.entrySet()) {
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

    /**
     * Posts per local hour or day, gaps filled, at most {@link Buckets#MAX} buckets. A range given with
     * {@code from} that spans more is refused before any query runs; without {@code from} the answer
     * holds the newest buckets and says from where, so that one post dated long ago (posters date their
     * own posts) cannot make an answer of millions of buckets.
     */
    public Timeline timeline(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        QueryParams query = QueryParams.parse(rawQuery);
        ChronoUnit unit = query.oneOf("bucket", Set.of("hour", "day"), "hour").equals("hour")
                ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        ZoneId zone = query.zone("tz");
        PostFilter filter = PostFilter.summary(query, trackedTags);
        if (filter.from() != null) {
            // no post is dated later than this (see PostTimes)
            Instant to = filter.to() != null ? filter.to() : clock.instant().plus(PostTimes.AHEAD);
            if (Buckets.between(filter.from(), to, zone, unit) > Buckets.MAX) {
                throw ApiProblemException.badParameter("from", "from to " + (filter.to() != null ? "to" : "now")
                        + " spans more than " + Buckets.MAX + " " + unit.toString().toLowerCase(Locale.ROOT)
                        + "; narrow the range, or use bucket=day");
            }
            Buckets.checkQuarterHours(zone, filter.from(), to, "tz");
        }
        TreeMap<Long, Long> quarters = quarterHourCounts(filter);
        TreeMap<Instant, Long> buckets = new TreeMap<>();
        // quarters come in order, so a bucket's bounds are worked out once for all its quarters
        Instant bucketStart = Instant.MIN;
        Instant bucketEnd = Instant.MIN;
        for (Map.Entry<Long, Long> quarter : quarters.entrySet()) {
            Instant at = start(quarter.getKey());
            if (at.isBefore(bucketStart) || !at.isBefore(bucketEnd)) {
                ZonedDateTime start = at.atZone(zone).truncatedTo(unit);
                bucketStart = start.toInstant();
                bucketEnd = start.plus(1, unit).truncatedTo(unit).toInstant();
            }
            buckets.merge(bucketStart, quarter.getValue(), Long::sum);
        }
        if (buckets.isEmpty()) {
            return new Timeline(List.of(), null, null);
        }
        // every bucket from the first to the last with posts, empty ones included, so a chart has no gaps;
        // the newest MAX of them when there are more
        ZonedDateTime first = buckets.firstKey().atZone(zone);
        ZonedDateTime at = buckets.lastKey().atZone(zone);
        java.util.ArrayDeque<TimelineBucket> items = new java.util.ArrayDeque<>();
        while (!at.isBefore(first) && items.size() < Buckets.MAX) {
            items.addFirst(new TimelineBucket(at.toInstant(), buckets.getOrDefault(at.toInstant(), 0L)));
            at = at.minus(1, unit).truncatedTo(unit);
        }
        boolean truncated = !at.isBefore(first);
        Instant from = items.getFirst().start();
        checkZoneOverData(zone, truncated ? quarters.tailMap(Math.floorDiv(from.toEpochMilli(), QUARTER_HOUR_MILLIS))
                : quarters);
        return truncated ? new Timeline(List.copyOf(items), true, from) : new Timeline(List.copyOf(items), null, null);
    }

    /** The zone must fold the quarters with posts exactly: checked over their span when the range was open. */
    private static void checkZoneOverData(ZoneId zone, java.util.SortedMap<Long, Long> quarters) {
        if (!quarters.isEmpty()) {
            Buckets.checkQuarterHours(zone, start(quarters.firstKey()),
                    start(quarters.lastKey()).plusMillis(QUARTER_HOUR_MILLIS), "tz");
        }
    }

    /** Posts matching the filter per quarter hour since the epoch, distinct posts unless a tag filters. */
    private TreeMap<Long, Long> quarterHourCounts(PostFilter filter) {
        BucketSpan span = BucketSpan.of(filter, QUARTER_HOUR_MILLIS);
        TreeMap<Long, Long> counts = new TreeMap<>();
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
