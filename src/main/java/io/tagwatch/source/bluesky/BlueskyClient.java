package io.tagwatch.source.bluesky;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.config.Secrets;
import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.RateLimits;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.TokenRefused;
import io.tagwatch.source.UpstreamClient;
import io.tagwatch.source.UpstreamException;

import org.springframework.stereotype.Component;

/**
 * XRPC queries to the Bluesky entryway (or a PDS) as the account of BLUESKY_HANDLE. Post search has
 * needed a login since 2025, so every query carries the session's access token. The session is shared
 * by all tags and kept, because createSession is limited to 30 per 5 minutes per account: a refused
 * token is refreshed once, then a new session is created once, before the refusal stands. Tokens and
 * the app password never reach a log line or an exception message.
 */
@Component
class BlueskyClient {

    static final String GATE = "bluesky";
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    /** Error names of a token the server no longer accepts (400 or 401), as opposed to a bad request. */
    private static final Set<String> TOKEN_ERRORS = Set.of("ExpiredToken", "InvalidToken", "AuthMissing");

    record Session(String accessJwt, String refreshJwt) {

        @Override
        public String toString() {
            return "Session[accessJwt=" + Secrets.mask(accessJwt) + ", refreshJwt=" + Secrets.mask(refreshJwt) + "]";
        }
    }

    private final TagwatchProperties.Bluesky settings;
    private final UpstreamClient upstream;
    private final SourceGates gates;
    private final ObjectMapper json;
    private final Clock clock;
    private Session session;

    BlueskyClient(TagwatchProperties properties, UpstreamClient upstream, SourceGates gates, ObjectMapper json,
            Clock clock) {
        this.settings = properties.bluesky();
        this.upstream = upstream;
        this.gates = gates;
        this.json = json;
        this.clock = clock;
        upstream.registerMeters(BlueskySource.SOURCE);
    }

    /** GETs an XRPC query: {@code pathAndQuery} is already encoded, e.g. "/xrpc/app.bsky.feed.searchPosts?q=...". */
    JsonNode query(String pathAndQuery) {
        SourceGate gate = gates.gate(GATE);
        Session used = session(gate);
        try {
            return get(gate, pathAndQuery, used);
        } catch (TokenRefused refused) {
            Session renewed = renew(gate, used);
            try {
                return get(gate, pathAndQuery, renewed);
            } catch (TokenRefused again) {
                throw gate.stop(SourceState.UNAUTHORIZED, null,
                        "Bluesky refused the token of a new session (" + again.getMessage() + ")");
            }
        }
    }

    private JsonNode get(SourceGate gate, String pathAndQuery, Session with) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(pathAndQuery))
                .header("Authorization", "Bearer " + with.accessJwt())
                .header("Accept", "application/json").GET();
        return upstream.call(gate, request, response -> read(gate, response));
    }

    private synchronized Session session(SourceGate gate) {
        if (session == null) {
            session = create(gate);
        }
        return session;
    }

    /** When several tags find the token expired at once, the first renews it and the others use that. */
    private synchronized Session renew(SourceGate gate, Session refused) {
        if (session != refused) {
            return session;
        }
        try {
            session = refresh(gate, refused);
        } catch (TokenRefused e) {
            session = create(gate);
        }
        return session;
    }

    private Session refresh(SourceGate gate, Session old) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/xrpc/com.atproto.server.refreshSession"))
                .header("Authorization", "Bearer " + old.refreshJwt())
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody());
        return upstream.call(gate, request, response -> tokens(read(gate, response)));
    }

    private Session create(SourceGate gate) {
        String credentials = json.createObjectNode().put("identifier", settings.handle())
                .put("password", settings.appPassword()).toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/xrpc/com.atproto.server.createSession"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials));
        return upstream.call(gate, request, response -> {
            int status = response.statusCode();
            if (status == 400 || status == 401) {
                throw gate.stop(SourceState.UNAUTHORIZED, null, "Bluesky refused BLUESKY_HANDLE and"
                        + " BLUESKY_APP_PASSWORD at createSession (" + XrpcError.of(parse(response), status) + ")");
            }
            return tokens(read(gate, response));
        });
    }

    private static Session tokens(JsonNode body) {
        String access = body.path("accessJwt").asText("");
        String refresh = body.path("refreshJwt").asText("");
        if (access.isEmpty() || refresh.isEmpty()) {
            throw UpstreamException.malformed("Bluesky session answer lacks accessJwt or refreshJwt");
        }
        return new Session(access, refresh);
    }

    /** A 200's JSON object, or the failure the status means. */
    private JsonNode read(SourceGate gate, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        JsonNode body = parse(response);
        if (status == 200) {
            if (body == null) {
                throw UpstreamException.malformed("Bluesky answer is not a JSON object");
            }
            return body;
        }
        XrpcError error = XrpcError.of(body, status);
        if (status == 429) {
            throw gate.stop(SourceState.RATE_LIMITED, RateLimits.reset(response, clock.instant().plus(DEFAULT_WINDOW)),
                    "Bluesky rate limit (" + error + ")");
        }
        if (status == 401 || (status == 400 && TOKEN_ERRORS.contains(error.name()))) {
            throw new TokenRefused(error.toString());
        }
        if (status == 403) {
            throw gate.stop(SourceState.UNAUTHORIZED, null, body == null
                    ? "Bluesky answered an HTML 403, a block at its edge (public.api.bsky.app blocks search);"
                            + " point tagwatch.bluesky.base-url at https://bsky.social or your own PDS"
                    : "Bluesky refused the account (HTTP 403, " + error + ")");
        }
        if (status >= 500) {
            throw UpstreamException.serverError(status);
        }
        throw UpstreamException.clientError(status, error.toString());
    }

    /** The body as a JSON object, or null (HTML from an edge, a cut-off body, nothing). */
    private JsonNode parse(HttpResponse<byte[]> response) {
        try {
            JsonNode body = json.readTree(response.body());
            return body != null && body.isObject() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** An XRPC error body, {"error":"ExpiredToken","message":"Token has expired"}; named by status without one. */
    private record XrpcError(String name, String message) {

        static XrpcError of(JsonNode body, int status) {
            String name = body == null ? "" : body.path("error").asText("");
            return name.isEmpty() ? new XrpcError("HTTP " + status, "")
                    : new XrpcError(name, body.path("message").asText(""));
        }

        @Override
        public String toString() {
            String text = message.isEmpty() ? name : name + ": " + message;
            return text.length() > 200 ? text.substring(0, 200) : text;
        }
    }

    private URI url(String pathAndQuery) {
        String base = settings.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }
}
