package io.tagwatch.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.tagwatch.collect.SourceStatus;
import io.tagwatch.post.AuthorView;
import io.tagwatch.post.PostView;

/** The JSON bodies of the API, one record each; field names are the wire names. */
public final class ApiResponses {

    private ApiResponses() {
    }

    public record TopUsers(List<AuthorView> items) {
    }

    public record HourCount(int hour, long posts) {
    }

    public record PostsByHour(String tz, long total, List<HourCount> items) {
    }

    public record TagValueCount(String tag, String value, long posts) {
    }

    public record PostsByTag(String by, List<TagValueCount> items) {
    }

    public record TimelineBucket(Instant start, long posts) {
    }

    /** truncated and from appear when the answer holds only the newest buckets, from {@code from} on. */
    public record Timeline(List<TimelineBucket> items,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean truncated,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant from) {
    }

    public record PostPage(List<PostView> items, @JsonProperty("next_cursor") String nextCursor) {
    }

    /** defined_in: where the tag is defined, so that a user knows which file to edit. */
    public record TagView(String tag, long posts, @JsonProperty("defined_in") DefinedIn definedIn,
            List<SourceStatus> sources) {
    }

    /**
     * A tag's file: {@code bundled}, the tags.yaml inside the service's jar (changed by building the
     * service again), or {@code routes_dir}, a file of tagwatch.routes-dir, by its name only.
     */
    public record DefinedIn(String kind, String file) {
    }

    /** The tracked tags, as the instance that answers ({@code instance}, tagwatch.instance-id) has them. */
    public record Tags(String instance, List<TagView> items) {
    }

    public record ResolvedLocation(String location, String country) {
    }

    /**
     * POST /api/v1/collect: the tags whose cycle was started (on whichever instance the scheduler fires
     * it), those whose cycle was running already on the instance that answers, and with since, the
     * backfill windows opened.
     */
    public record Collecting(List<String> tags, List<String> running,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Backfill> backfill) {
    }

    /** A backfill window: the cycles read the source's posts of the tag from {@code from} to {@code to}. */
    public record Backfill(String source, String tag, Instant from, Instant to) {
    }
}
