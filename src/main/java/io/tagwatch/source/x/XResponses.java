package io.tagwatch.source.x;

import java.io.IOException;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Reading X's problem bodies. */
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
}
