package io.tagwatch.api;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.api.ApiResponses.Backfill;
import io.tagwatch.api.ApiResponses.Collecting;
import io.tagwatch.collect.Backfills;
import io.tagwatch.collect.Collector;
import io.tagwatch.collect.ManualCycles;
import io.tagwatch.collect.TrackedTags;
import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.Hashes;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.http.common.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * POST /api/v1/collect: runs a cycle now, for one tag or all, in the background (see {@link ManualCycles}),
 * for whoever holds the admin token. It answers the tags started, and those whose cycle was running
 * already and is left to finish. With {@code since}, it opens backfill windows first ({@link Backfills}).
 */
@Component
public class CollectTrigger {

    /** Shorter tokens can be guessed; such a setting leaves the endpoint off. */
    static final int MIN_TOKEN_LENGTH = 32;
    private static final String BEARER = "Bearer ";
    private static final Logger log = LoggerFactory.getLogger(CollectTrigger.class);

    private final byte[] adminTokenDigest;
    private final TrackedTags trackedTags;
    private final ManualCycles cycles;
    private final Backfills backfills;
    private final Collector collector;
    private final Clock clock;
    private final Counter refused;

    public CollectTrigger(TagwatchProperties properties, TrackedTags trackedTags, ManualCycles cycles,
            Backfills backfills, Collector collector, Clock clock, MeterRegistry registry) {
        this.collector = collector;
        String token = properties.adminToken();
        boolean set = token != null && !token.isBlank();
        if (set && token.length() < MIN_TOKEN_LENGTH) {
            log.warn("TAGWATCH_ADMIN_TOKEN is shorter than {} characters, so POST /api/v1/collect stays off",
                    MIN_TOKEN_LENGTH);
        }
        this.adminTokenDigest = set && token.length() >= MIN_TOKEN_LENGTH ? sha256(token) : null;
        this.trackedTags = trackedTags;
        this.cycles = cycles;
        this.backfills = backfills;
        this.clock = clock;
        this.refused = Counter.builder("tagwatch.admin.token.refused")
                .description("Requests to POST /api/v1/collect without the admin token").register(registry);
    }

    public Collecting trigger(@Header(Exchange.HTTP_QUERY) String rawQuery, Exchange exchange) {
        if (adminTokenDigest == null) {
            throw ApiProblemException.unavailable("manual collection is off: no TAGWATCH_ADMIN_TOKEN of at least "
                    + MIN_TOKEN_LENGTH + " characters is configured");
        }
        // the request's own header: Camel also copies query parameters into message headers, and a
        // token taken from ?Authorization= would sit in URLs and access logs
        HttpMessage http = exchange.getMessage(HttpMessage.class);
        String authorization = http == null ? null : http.getRequest().getHeader("Authorization");
        // digests compared in constant time: neither content nor length leaks through timing
        if (authorization == null || !authorization.startsWith(BEARER) || !MessageDigest.isEqual(adminTokenDigest,
                sha256(authorization.substring(BEARER.length())))) {
            refused.increment();
            throw ApiProblemException.unauthorized("an admin bearer token is required");
        }
        if (collector.isStandby()) {
            // its scheduler does not run, and on SQLite it has none in common with the collecting process
            throw ApiProblemException.unavailable("this instance is on standby: another process collects from the"
                    + " same SQLite file; send the request to that one");
        }
        QueryParams params = QueryParams.parse(rawQuery);
        String tag = params.tag("tag");
        Instant since = params.instant("since");
        if (tag != null && !trackedTags.isTracked(tag)) {
            throw ApiProblemException.notFound("tag '" + tag + "' is not tracked");
        }
        if (since != null && !since.isBefore(clock.instant())) {
            throw ApiProblemException.badParameter("since", "since must be an instant in the past");
        }
        List<String> tags = tag == null ? List.copyOf(trackedTags.current()) : List.of(tag);
        List<Backfill> opened = since == null ? null : backfills.open(tags, since).stream()
                .map(w -> new Backfill(w.source(), w.tag(), w.from(), w.to())).toList();
        List<String> running = cycles.run(tags);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        return new Collecting(tags.stream().filter(t -> !running.contains(t)).toList(), running, opened);
    }

    private static byte[] sha256(String text) {
        return Hashes.sha256(text);
    }
}
