package io.tagwatch.source;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the fields of an upstream's JSON: a field a post cannot do without makes the answer malformed. */
public final class Json {

    private Json() {
    }

    /** The field as text, or null when absent or null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The field as non-empty text; {@code what} names the object in the error ("X page object"). */
    public static String required(JsonNode node, String field, String what) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            throw UpstreamException.malformed(what + " lacks '" + field + "'");
        }
        return value;
    }

    /** The field as an ISO-8601 instant. */
    public static Instant instant(JsonNode node, String field, String what) {
        String value = required(node, field, what);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw UpstreamException.malformed(what + " has an unparsable " + field);
        }
    }
}
