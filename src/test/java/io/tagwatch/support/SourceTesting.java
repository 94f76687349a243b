package io.tagwatch.support;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the source tests do over and over: run a cycle, read what it stored, ask for a source's state. */
public final class SourceTesting {

    private SourceTesting() {
    }

    /** One collection cycle of a tag, now, on the caller's thread (the tag's timer is not involved). */
    public static void cycle(ProducerTemplate camel, String tag) {
        camel.send("direct:collect-cycle", e -> e.getMessage().setHeader("tag", tag));
    }

    public static List<String> storedIds(JdbcTemplate jdbc, String source, String tag) {
        return jdbc.queryForList("SELECT post_id FROM post_tag WHERE source = ? AND tag = ?", String.class, source,
                tag);
    }

    public static String checkpoint(JdbcTemplate jdbc, String source, String tag) {
        return jdbc.query("SELECT position FROM checkpoint WHERE source = ? AND tag = ?",
                rs -> rs.next() ? rs.getString(1) : null, source, tag);
    }

    /**
     * The entry shows the error's category and its fixed phrase, nothing of the failure's own text (that
     * is logged).
     */
    public static void assertError(JsonNode status, String category) {
        org.assertj.core.api.Assertions.assertThat(status.get("last_error_category").asText()).isEqualTo(category);
        org.assertj.core.api.Assertions.assertThat(status.get("last_error").asText()).isEqualTo(
                io.tagwatch.collect.ErrorCategory.valueOf(category.toUpperCase(java.util.Locale.ROOT)).phrase());
    }

    /** The source's entry for the tag in GET /api/v1/tags. */
    public static JsonNode status(int port, String tag, String source) {
        for (JsonNode item : new ApiClient(port).getJson("/api/v1/tags").get("items")) {
            if (item.get("tag").asText().equals(tag)) {
                for (JsonNode status : item.get("sources")) {
                    if (status.get("source").asText().equals(source)) {
                        return status;
                    }
                }
            }
        }
        throw new AssertionError("no source " + source + " for tag " + tag);
    }
}
