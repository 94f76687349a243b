package io.tagwatch.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.tagwatch.api.ApiResponses.HourCount;
import io.tagwatch.api.ApiResponses.PostsByHour;
import io.tagwatch.api.ApiResponses.PostsByTag;
import io.tagwatch.api.ApiResponses.TagValueCount;
import io.tagwatch.api.ApiResponses.Timeline;
import io.tagwatch.api.ApiResponses.TimelineBucket;
import io.tagwatch.api.ApiResponses.TopUsers;
import io.tagwatch.collect.PostTimes;
import io.tagwatch.collect.TrackedTags;
import io.tagwatch.store.Grain;
import io.tagwatch.store.PostFilter;
import io.tagwatch.store.SummaryReads;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.http.common.HttpMessage;
import org.springframework.stereotype.Component;

/**
 * The summaries: top users, posts by hour of day, posts per tag by language or country, timeline.
 * Posts are counted per quarter hour and folded here into local hours and days: every zone offset in
 * use is a multiple of 15 minutes (India +5:30, Nepal +5:45), so each quarter hour lies wholly inside
 * one local hour, and DST is handled by java.time rather than by each database.
 */
@Component
public class StatsQueries {

    static final long HOUR_MILLIS = 60 * 60 * 1000;
    static final int TOP_USERS_MIN = 1;
    static final int TOP_USERS_MAX = 100;
    static final int TOP_USERS_DEFAULT = 5;

    private final SummaryReads reads;
    private final SummaryCache cache;
    private final TrackedTags trackedTags;
    private final Clock clock;

    public StatsQueries(SummaryReads reads, SummaryCache cache, TrackedTags trackedTags, Clock clock) {
        this.reads = reads;
        this.cache = cache;
        this.trackedTags = trackedTags;
        this.clock = clock;
    }

    /*
     * Each summary checks its request, then answers from the cache (SummaryCache), keyed by the values
     * parsed, so that the same question asked in other words (parameter order, tz=utc) is one entry.
     */

    public TopUsers topUsers(@Header(Exchange.HTTP_QUERY) String rawQuery, Exchange exchange) {
        QueryParams query = QueryParams.parse(rawQuery);
        int limit = query.integer("limit", TOP_USERS_MIN, TOP_USERS_MAX, TOP_USERS_DEFAULT);
        PostFilter filter = Filters.summary(query, trackedTags);
        return cache.answer("top-users", List.of(filter, limit), fresh(exchange),
                () -> new TopUsers(reads.topUsers(filter, limit)));
    }

    public PostsByHour postsByHour(@Header(Exchange.HTTP_QUERY) String rawQuery, Exchange exchange) {
        QueryParams query = QueryParams.parse(rawQuery);
        ZoneId zone = query.zone("tz");
        PostFilter filter = Filters.summary(query, trackedTags);
        if (filter.from() != null && filter.to() != null) {
            Buckets.checkQuarterHours(zone, filter.from(), filter.to(), "tz");
        }
        return cache.answer("posts-by-hour", List.of(filter, zone.normalized()), fresh(exchange),
                () -> postsByHour(filter, zone));
    }

    private PostsByHour postsByHour(PostFilter filter, ZoneId zone) {
        long[] hours = new long[24];
        long total = 0;
        ZoneRules rules = zone.getRules();
        for (Map.Entry<Long, Long> quarter : reads.counts(filter, grain(filter, zone, false)).entrySet()) {
            Instant start = Instant.ofEpochMilli(quarter.getKey());
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

    public PostsByTag postsByTag(@Header(Exchange.HTTP_QUERY) String rawQuery, Exchange exchange) {
        QueryParams query = QueryParams.parse(rawQuery);
        String by = query.oneOf("by", Set.of("language", "country"), "language");
        PostFilter filter = Filters.summary(query, trackedTags);
        return cache.answer("posts-by-tag", List.of(filter, by), fresh(exchange), () -> postsByTag(filter, by));
    }

    private PostsByTag postsByTag(PostFilter filter, String by) {
        List<TagValueCount> items = new ArrayList<>();
        reads.tagValueCounts(filter, by.equals("country"), trackedTags.current())
                .forEach((tagValue, posts) -> items.add(new TagValueCount(tagValue.get(0), tagValue.get(1), posts)));
        items.sort(Comparator.comparing(TagValueCount::tag).thenComparing(TagValueCount::posts, Comparator.reverseOrder())
                .thenComparing(TagValueCount::value));
        return new PostsByTag(by, items);
    }

    /**
     * Posts per local hour or day, gaps filled, at most {@link Buckets#MAX} buckets. A range given with
     * {@code from} that spans more is refused before any query runs; without {@code from} the answer
     * holds the newest buckets and says from where, so that one post dated long ago (posters date their
     * own posts) cannot make an answer of millions of buckets.
     */
    public Timeline timeline(@Header(Exchange.HTTP_QUERY) String rawQuery, Exchange exchange) {
        QueryParams query = QueryParams.parse(rawQuery);
        ChronoUnit unit = query.oneOf("bucket", Set.of("hour", "day"), "hour").equals("hour")
                ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        ZoneId zone = query.zone("tz");
        PostFilter filter = Filters.summary(query, trackedTags);
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
        return cache.answer("timeline", List.of(filter, zone.normalized(), unit), fresh(exchange),
                () -> timeline(filter, zone, unit));
    }

    private Timeline timeline(PostFilter filter, ZoneId zone, ChronoUnit unit) {
        TreeMap<Instant, Long> buckets = new TreeMap<>();
        // quarters come in order, so a bucket's bounds are worked out once for all its quarters
        Instant bucketStart = Instant.MIN;
        Instant bucketEnd = Instant.MIN;
        for (Map.Entry<Long, Long> quarter : reads.counts(filter, grain(filter, zone, unit == ChronoUnit.DAYS)).entrySet()) {
            Instant at = Instant.ofEpochMilli(quarter.getKey());
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
        ArrayDeque<TimelineBucket> items = new ArrayDeque<>();
        while (!at.isBefore(first) && items.size() < Buckets.MAX) {
            items.addFirst(new TimelineBucket(at.toInstant(), buckets.getOrDefault(at.toInstant(), 0L)));
            at = at.minus(1, unit).truncatedTo(unit);
        }
        return at.isBefore(first) ? new Timeline(List.copyOf(items), null, null)
                : new Timeline(List.copyOf(items), true, items.getFirst().start());
    }

    /** The client asked for an answer computed now (Cache-Control: no-cache), in the request's own header. */
    private static boolean fresh(Exchange exchange) {
        HttpMessage http = exchange == null ? null : exchange.getMessage(HttpMessage.class);
        String cacheControl = http == null ? null : http.getRequest().getHeader("Cache-Control");
        return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
    }

    /**
     * The coarsest counts that fold into the zone's buckets over the range, or over the posts where the
     * range is open: a zone's offsets may be whole hours today and not in 1850.
     */
    private Grain grain(PostFilter filter, ZoneId zone, boolean days) {
        SummaryReads.Span span = filter.from() != null && filter.to() != null ? null : reads.span(filter);
        if (span == null && (filter.from() == null || filter.to() == null)) {
            return Grain.DAY; // no posts: nothing to fold
        }
        Instant from = filter.from() != null ? filter.from() : span.first();
        Instant to = filter.to() != null ? filter.to() : span.end();
        return from.isBefore(to) ? Buckets.grain(zone, from, to, days) : Grain.QUARTER;
    }
}
