package io.tagwatch.source.x;

import java.time.Instant;

/**
 * X's post ids are Snowflake ids: the milliseconds since X's epoch (2010-11-04T01:42:54.657Z) in the
 * bits above the 22 lowest, so an id says when its post was made, and ids compare as numbers.
 */
final class XIds {

    private static final long EPOCH_MILLIS = 1_288_834_974_657L;

    private XIds() {
    }

    static Instant instant(String id) {
        return Instant.ofEpochMilli((Long.parseLong(id) >> 22) + EPOCH_MILLIS);
    }

    static int compare(String a, String b) {
        return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
}
