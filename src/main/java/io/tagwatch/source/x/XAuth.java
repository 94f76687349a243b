package io.tagwatch.source.x;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamClient;
import io.tagwatch.source.UpstreamException;

import org.springframework.stereotype.Component;

/**
 * The app-only bearer token for X: X_BEARER_TOKEN as given, or one obtained from API_KEY and
 * API_KEY_SECRET with POST /oauth2/token (client credentials) and cached until X refuses it.
 */
@Component
public class XAuth {

    private final TagwatchProperties.X settings;
    private final UpstreamClient upstream;
    private final ObjectMapper json;
    private volatile String obtainedToken;

    public XAuth(TagwatchProperties properties, UpstreamClient upstream, ObjectMapper json) {
        this.settings = properties.x();
        this.upstream = upstream;
        this.json = json;
    }

    boolean isConfigured() {
        return hasText(settings.bearerToken()) || canObtain();
    }

    /** Whether a refused token can be replaced by a new one. */
    boolean canObtain() {
        return hasText(settings.apiKey()) && hasText(settings.apiKeySecret());
    }

    String token(SourceGate gate) {
        if (hasText(settings.bearerToken())) {
            return settings.bearerToken();
        }
        String token = obtainedToken;
        if (token == null) {
            token = obtain(gate);
            obtainedToken = token;
        }
        return token;
    }

    void forget() {
        obtainedToken = null;
    }

    private String obtain(SourceGate gate) {
        String credentials = URLEncoder.encode(settings.apiKey(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(settings.apiKeySecret(), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + "/oauth2/token"))
                .header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
        return upstream.call(gate, request, response -> {
            if (response.statusCode() >= 500) {
                throw UpstreamException.serverError(response.statusCode());
            }
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw gate.stop(SourceState.UNAUTHORIZED, null, "X refused API_KEY/API_KEY_SECRET at /oauth2/token"
                        + " (HTTP " + response.statusCode() + ")");
            }
            JsonNode body = XResponses.body(json, response);
            if (response.statusCode() != 200 || !"bearer".equalsIgnoreCase(body.path("token_type").asText())
                    || !body.hasNonNull("access_token")) {
                throw UpstreamException.clientError(response.statusCode(), "no bearer token in the answer");
            }
            return body.get("access_token").asText();
        });
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
