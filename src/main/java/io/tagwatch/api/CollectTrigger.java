package io.tagwatch.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import io.tagwatch.collect.TrackedTags;
import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.SourceGates;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * POST /api/v1/collect: runs a cycle now, for one tag or all, in the background. It is how a person
 * says "fixed": stops that waited for one (refused credentials, spent credits) are lifted first.
 */
@Component
public class CollectTrigger {

    private static final String BEARER = "Bearer ";

    private final byte[] adminTokenDigest;
    private final TrackedTags trackedTags;
    private final SourceGates gates;
    private final ProducerTemplate camel;

    public CollectTrigger(TagwatchProperties properties, TrackedTags trackedTags, SourceGates gates,
            ProducerTemplate camel) {
        String token = properties.adminToken();
        this.adminTokenDigest = token == null || token.isBlank() ? null : sha256(token);
        this.trackedTags = trackedTags;
        this.gates = gates;
        this.camel = camel;
    }

    public Map<String, List<String>> trigger(@Header("Authorization") String authorization,
            @Header(Exchange.HTTP_QUERY) String rawQuery, Exchange exchange) {
        if (adminTokenDigest == null) {
            throw ApiProblemException.unavailable("manual collection is off: no TAGWATCH_ADMIN_TOKEN is configured");
        }
        // digests compared in constant time: neither content nor length leaks through timing
        if (authorization == null || !authorization.startsWith(BEARER) || !MessageDigest.isEqual(adminTokenDigest,
                sha256(authorization.substring(BEARER.length())))) {
            throw ApiProblemException.unauthorized("an admin bearer token is required");
        }
        String tag = QueryParams.parse(rawQuery).tag("tag");
        if (tag != null && !trackedTags.isTracked(tag)) {
            throw ApiProblemException.notFound("tag '" + tag + "' is not tracked");
        }
        List<String> tags = tag == null ? List.copyOf(trackedTags.current()) : List.of(tag);
        gates.resetAll();
        for (String t : tags) {
            camel.asyncSend("direct:collect-cycle", e -> e.getMessage().setHeader("tag", t));
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return Map.of("tags", tags);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
