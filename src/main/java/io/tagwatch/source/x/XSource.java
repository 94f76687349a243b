package io.tagwatch.source.x;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.RateLimits;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.TokenRefused;
import io.tagwatch.source.UpstreamClient;
import io.tagwatch.source.UpstreamException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * X API v2 recent search, polled the documented way: since_id from the newest_id of a cycle's first
 * page, then next_token for at most tagwatch.x.max-pages-per-cycle pages. It stops for good (until a
 * person acts) on a spent usage cap or credits and on refused credentials, and never asks for more
 * posts than the day's read budget has left. Cycles of different tags run at once: each page's reads
 * are reserved in the budget before it is asked for, so one slow answer stalls only its own tag.
 */
@Component("xSource") // Spring would name it "XSource"
public class XSource extends PostSource {

    private static final Logger log = LoggerFactory.getLogger(XSource.class);

    public static final String SOURCE = "x";
    private static final String TWEET_FIELDS = "created_at,lang,author_id,entities,public_metrics";
    private static final String USER_FIELDS = "public_metrics,location,username,name";
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
    private static final int PAGE = 100;
    private static final int MIN_PAGE = 10;

    private final TagwatchProperties.X settings;
    private final XAuth auth;
    private final ReadBudget budget;
    private final XPageParser parser;
    private final UpstreamClient upstream;
    private final SourceGates gates;
    private final ObjectMapper json;
    private final Clock clock;

    public XSource(TagwatchProperties properties, XAuth auth, ReadBudget budget, XPageParser parser,
            UpstreamClient upstream, SourceGates gates, ObjectMapper json, Clock clock, MeterRegistry registry) {
        super(SOURCE);
        this.settings = properties.x();
        this.auth = auth;
        this.budget = budget;
        this.parser = parser;
        this.upstream = upstream;
        this.gates = gates;
        this.json = json;
        this.clock = clock;
        upstream.registerMeters(SOURCE);
        Gauge.builder("tagwatch.x.budget.remaining.reads", budget, ReadBudget::remainingToday)
                .description("Posts X may still be asked for today (UTC)").register(registry);
    }


    @Override
    public String disabledReason() {
        return auth.isConfigured() ? null : "no credentials: set X_BEARER_TOKEN, or API_KEY and API_KEY_SECRET";
    }

    @Override
    public CollectedBatch fetch(String tag, Checkpoints checkpoints) {
        SourceGate gate = gates.gate(SOURCE);
        String sinceId = checkpoints.only();
        List<Post> posts = new ArrayList<>();
        Map<String, Author> authors = new LinkedHashMap<>();
        String checkpoint = null;
        String nextToken = null;
        int pages = 0;
        do {
            XPage page;
            try {
                page = reservedPage(gate, tag, sinceId, nextToken);
                if (page == null) {
                    break; // what the day has left is in flight for other tags; this one asks next cycle
                }
            } catch (SourcePausedException e) {
                if (pages == 0) {
                    throw e;
                }
                break; // keep what the earlier pages brought
            }
            pages++;
            posts.addAll(page.posts());
            page.authors().forEach(a -> authors.merge(a.id(), a, Author::newer));
            if (pages == 1) {
                checkpoint = page.newestId();
            }
            nextToken = page.nextToken();
        } while (nextToken != null && pages < settings.maxPagesPerCycle());
        if (nextToken != null) {
            // X's polling pattern: since_id moves to the newest post, so these older new posts are skipped
            log.warn("Tag {} had more new posts than {} pages; the older ones are skipped (raise"
                    + " tagwatch.x.max-pages-per-cycle or shorten tagwatch.collect.period)", tag, pages);
        }
        return new CollectedBatch(SOURCE, tag, posts, List.copyOf(authors.values()), Checkpoints.of(checkpoint), pages,
                posts.size());
    }

    /**
     * One page of at most what the budget has left (X's smallest page is 10), its reads reserved first;
     * null when all that is left is reserved by other cycles.
     */
    private XPage reservedPage(SourceGate gate, String tag, String sinceId, String nextToken) {
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
            page = fetchPage(gate, tag, sinceId, nextToken, Math.max(MIN_PAGE, reserved.reads()));
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

    private XPage fetchPage(SourceGate gate, String tag, String sinceId, String nextToken, int maxResults) {
        try {
            return request(gate, tag, sinceId, nextToken, maxResults);
        } catch (TokenRefused refused) {
            if (auth.canObtain()) {
                auth.forget(); // one new token, then the verdict stands
                try {
                    return request(gate, tag, sinceId, nextToken, maxResults);
                } catch (TokenRefused again) {
                    refused = again;
                }
            }
            throw gate.stop(SourceState.UNAUTHORIZED, null, refused.getMessage());
        }
    }

    private XPage request(SourceGate gate, String tag, String sinceId, String nextToken, int maxResults) {
        StringBuilder query = new StringBuilder("/2/tweets/search/recent?query=")
                .append(encode("#" + tag + " -is:retweet"))
                .append("&max_results=").append(maxResults)
                .append("&tweet.fields=").append(encode(TWEET_FIELDS))
                .append("&expansions=author_id")
                .append("&user.fields=").append(encode(USER_FIELDS));
        if (sinceId != null) {
            query.append("&since_id=").append(encode(sinceId));
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
            return parser.parse(new ByteArrayInputStream(response.body()), SOURCE, tag);
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
