package io.tagwatch.source.x;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.RateLimits;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.TokenRefused;
import io.tagwatch.source.UpstreamClient;
import io.tagwatch.source.UpstreamException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One page of X API v2 recent search for a tag between two bounds, its reads reserved in the daily
 * budget before it is asked for, so that cycles at once (in one process or several) cannot take more
 * than the day has left. It stops the source for good (until a person acts) on a spent usage cap or
 * credits and on refused credentials.
 */
@Component
class XSearch {

    private static final Logger log = LoggerFactory.getLogger(XSearch.class);

    private static final String TWEET_FIELDS = "created_at,lang,author_id,entities,public_metrics";
    private static final String USER_FIELDS = "public_metrics,location,username,name";
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    /** X serves end_time only this far behind the request, and defaults to it. */
    private static final Duration LATEST_END = Duration.ofSeconds(30);
    private static final int PAGE = 100;
    private static final int MIN_PAGE = 10;

    /**
     * Where a search starts and ends: after an id (since_id) or from an instant (start_time, inclusive,
     * whole seconds), and before an id (until_id) or an instant (end_time, exclusive, whole seconds); X
     * takes one of each pair. Null everywhere is the newest posts.
     */
    record Bounds(String sinceId, Instant startTime, String untilId, Instant endTime) {
    }

    private final TagwatchProperties.X settings;
    private final XAuth auth;
    private final ReadBudget budget;
    private final XPageParser parser;
    private final UpstreamClient upstream;
    private final ObjectMapper json;
    private final Clock clock;

    XSearch(TagwatchProperties properties, XAuth auth, ReadBudget budget, XPageParser parser, UpstreamClient upstream,
            ObjectMapper json, Clock clock) {
        this.settings = properties.x();
        this.auth = auth;
        this.budget = budget;
        this.parser = parser;
        this.upstream = upstream;
        this.json = json;
        this.clock = clock;
    }

    /**
     * One page of at most what the budget has left (X's smallest page is 10), its reads reserved first;
     * null when all that is left is reserved by other cycles.
     */
    XPage page(SourceGate gate, String tag, Bounds bounds, String nextToken) {
        ReadBudget.Reservation reserved = budget.reserve(PAGE);
        if (reserved.spent()) {
            throw gate.stop(SourceState.BUDGET_EXHAUSTED, budget.nextDay(),
                    "the daily read budget of " + budget.daily() + " posts is spent");
        }
        if (reserved.reads() == 0) {
            return null;
        }
        XPage page = null;
        try {
            page = authorized(gate, tag, bounds, nextToken, Math.max(MIN_PAGE, reserved.reads()));
            return page;
        } finally {
            settle(reserved, page == null ? 0 : page.posts().size());
        }
    }

    /** A reservation not settled (the database is down) expires by itself; the page's own outcome stands. */
    private void settle(ReadBudget.Reservation reserved, int read) {
        try {
            budget.settle(reserved, read);
        } catch (RuntimeException e) {
            log.warn("X read budget: {} reads reserved could not be settled ({}); they free themselves when the"
                    + " reservation expires", reserved.reads(), e.getClass().getSimpleName());
        }
    }

    private XPage authorized(SourceGate gate, String tag, Bounds bounds, String nextToken, int maxResults) {
        try {
            return request(gate, tag, bounds, nextToken, maxResults);
        } catch (TokenRefused refused) {
            if (auth.canObtain()) {
                auth.forget(); // one new token, then the verdict stands
                try {
                    return request(gate, tag, bounds, nextToken, maxResults);
                } catch (TokenRefused again) {
                    refused = again;
                }
            }
            throw gate.stop(SourceState.UNAUTHORIZED, null, refused.getMessage());
        }
    }

    private XPage request(SourceGate gate, String tag, Bounds bounds, String nextToken, int maxResults) {
        StringBuilder query = new StringBuilder("/2/tweets/search/recent?query=")
                .append(encode("#" + tag + " -is:retweet"))
                .append("&max_results=").append(maxResults)
                .append("&tweet.fields=").append(encode(TWEET_FIELDS))
                .append("&expansions=author_id")
                .append("&user.fields=").append(encode(USER_FIELDS));
        if (bounds.sinceId() != null) {
            query.append("&since_id=").append(encode(bounds.sinceId()));
        } else if (bounds.startTime() != null) {
            query.append("&start_time=").append(bounds.startTime().truncatedTo(ChronoUnit.SECONDS));
        }
        if (bounds.untilId() != null) {
            query.append("&until_id=").append(encode(bounds.untilId()));
        } else if (bounds.endTime() != null && bounds.endTime().isBefore(clock.instant().minus(LATEST_END))) {
            // exclusive and in whole seconds: rounded up, so that no post of the last second is left out
            Instant end = bounds.endTime().truncatedTo(ChronoUnit.SECONDS);
            query.append("&end_time=").append(end.equals(bounds.endTime()) ? end : end.plusSeconds(1));
        }
        if (nextToken != null) {
            query.append("&next_token=").append(encode(nextToken));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + query.toString()))
                .header("Authorization", "Bearer " + auth.token(gate))
                .header("Accept", "application/json").GET();
        return upstream.call(gate, request, response -> read(gate, tag, response));
    }

    private XPage read(SourceGate gate, String tag, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 200) {
            return parser.parse(new ByteArrayInputStream(response.body()), XSource.SOURCE, tag);
        }
        JsonNode body = XResponses.body(json, response);
        String problem = XResponses.problem(body, status);
        if (status == 429 && isUsageCap(body)) {
            boolean daily = "Daily".equalsIgnoreCase(body.path("period").asText());
            throw gate.stop(SourceState.BUDGET_EXHAUSTED, daily ? budget.nextDay() : null, problem);
        }
        if (status == 429) {
            throw gate.stop(SourceState.RATE_LIMITED, RateLimits.reset(response, clock.instant().plus(DEFAULT_WINDOW)),
                    problem);
        }
        if (status == 402) {
            throw gate.stop(SourceState.BUDGET_EXHAUSTED, null, problem);
        }
        if (status == 401 || status == 403) {
            throw new TokenRefused("X refused the request (HTTP " + status + "): " + problem);
        }
        if (status >= 500) {
            throw UpstreamException.serverError(status);
        }
        throw UpstreamException.clientError(status, problem);
    }

    private static boolean isUsageCap(JsonNode body) {
        return "UsageCapExceeded".equals(body.path("title").asText())
                || body.path("type").asText().endsWith("/2/problems/usage-capped");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
