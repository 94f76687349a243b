package io.tagwatch.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A summary's from/to range cut at bucket boundaries (quarter hours, days): the whole buckets inside
 * it are read from a count table, and only the partial buckets at its two ends are counted from the
 * posts. So a request costs the buckets it spans plus at most two buckets of posts, however many
 * posts are stored.
 *
 * @param first the first whole bucket, or null when the range is open at the start
 * @param end   the bucket after the last whole one, or null when the range is open at the end
 * @param edges the filters of the partial buckets, to count from the posts
 */
record BucketSpan(Long first, Long end, List<PostFilter> edges) {

    static BucketSpan of(PostFilter filter, long bucketMillis) {
        Instant from = filter.from();
        Instant to = filter.to();
        Long first = from == null ? null : Math.floorDiv(from.toEpochMilli() + bucketMillis - 1, bucketMillis);
        Long end = to == null ? null : Math.floorDiv(to.toEpochMilli(), bucketMillis);
        if (first != null && end != null && first >= end) {
            return new BucketSpan(first, first, List.of(filter));
        }
        List<PostFilter> edges = new ArrayList<>(2);
        if (from != null && first * bucketMillis > from.toEpochMilli()) {
            edges.add(filter.between(from, Instant.ofEpochMilli(first * bucketMillis)));
        }
        if (to != null && end * bucketMillis < to.toEpochMilli()) {
            edges.add(filter.between(Instant.ofEpochMilli(end * bucketMillis), to));
        }
        return new BucketSpan(first, end, edges);
    }

    boolean hasWholeBuckets() {
        return first == null || end == null || first < end;
    }

    /** The conditions on a count table's bucket column, each starting with " AND ". */
    String conditions(String column, MapSqlParameterSource params) {
        StringBuilder sql = new StringBuilder();
        if (first != null) {
            sql.append(" AND ").append(column).append(" >= :firstBucket");
            params.addValue("firstBucket", first);
        }
        if (end != null) {
            sql.append(" AND ").append(column).append(" < :endBucket");
            params.addValue("endBucket", end);
        }
        return sql.toString();
    }
}
