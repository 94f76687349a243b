package io.tagwatch.store;

/**
 * The bucket sizes the store keeps post counts in (V3 and V11 migrations), finest first. A summary may
 * read a grain only if each of its buckets lies wholly inside one bucket of the answer in the asked
 * zone: quarter hours always do (every offset in use is a multiple of 15 minutes), UTC hours when the
 * zone's offsets are whole hours, UTC days for a timeline by day in a zone at offset zero.
 */
public enum Grain {
    QUARTER(15 * 60 * 1000L, "quarter", "posts_per_quarter", "tag_posts_per_quarter"),
    HOUR(60 * 60 * 1000L, "hour", "posts_per_hour", "tag_posts_per_hour"),
    DAY(24 * 60 * 60 * 1000L, "day", "posts_per_day", "tag_posts_per_day");

    final long millis;
    final String column;
    final String postsTable;
    final String tagTable;

    Grain(long millis, String column, String postsTable, String tagTable) {
        this.millis = millis;
        this.column = column;
        this.postsTable = postsTable;
        this.tagTable = tagTable;
    }

    public long millis() {
        return millis;
    }
}
