package io.tagwatch.source.x;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Reading X's answers: problem bodies, and the x-rate-limit-* headers. */
final class XResponses {

    private XResponses() {
    }

    static JsonNode body(ObjectMapper json, HttpResponse<byte[]> response) {
        try {
            JsonNode node = json.readTree(response.body());
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** "UsageCapExceeded: Usage cap exceeded: Monthly product cap", from either shape of error body. */
    static String problem(JsonNode body, int status) {
        String title = body.path("title").asText("");
        String detail = body.path("detail").asText("");
        if (title.isEmpty() && body.path("errors").isArray() && !body.path("errors").isEmpty()) {
            JsonNode first = body.path("errors").get(0);
            title = "code " + first.path("code").asText("?");
            detail = first.path("message").asText("");
        }
        String text = title.isEmpty() ? "HTTP " + status : title + (detail.isEmpty() ? "" : ": " + detail);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    static OptionalLong remaining(HttpResponse<?> response) {
        return response.headers().firstValue("x-rate-limit-remaining")
                .map(v -> parse(v)).orElse(OptionalLong.empty());
    }

    static Instant reset(HttpResponse<?> response, Instant fallback) {
        OptionalLong epoch = response.headers().firstValue("x-rate-limit-reset").map(XResponses::parse)
                .orElse(OptionalLong.empty());
        return epoch.isPresent() ? Instant.ofEpochSecond(epoch.getAsLong()) : fallback;
    }

    private static OptionalLong parse(String value) {
        try {
            return OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
