package io.tagwatch.source.twitter;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamException;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import twitter4j.TwitterException;
import twitter4j.v1.Status;
import twitter4j.v1.RateLimitStatus;

/**
 * X API v1.1 search through camel-twitter, opt-in: the twitter-search endpoint (its client set up by
 * {@link TwitterClientConfiguration}) asked for the newest statuses with #tag, mapped by
 * {@link TwitterStatusMapper}. X serves v1.1 search only to some access levels; other accounts get
 * 403 code 453, which stops this source until a person acts.
 */
@Component("twitterSource") // route source-twitter refers to it by this name
public class TwitterSource extends PostSource {

    public static final String SOURCE = "twitter";
    private static final int RATE_LIMIT_EXCEEDED = 88;
    private static final int NO_V11_ACCESS = 453;
    /** v1.1 rate-limit windows are 15 minutes; used when a 429 comes without x-rate-limit-reset. */
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final TagwatchProperties.Twitter settings;
    private final SourceGates gates;
    private final ProducerTemplate camel;
    private final TwitterStatusMapper mapper;
    private final Clock clock;

    public TwitterSource(TagwatchProperties properties, SourceGates gates, ProducerTemplate camel,
            TwitterStatusMapper mapper, Clock clock) {
        super(SOURCE);
        this.settings = properties.twitter();
        this.gates = gates;
        this.camel = camel;
        this.mapper = mapper;
        this.clock = clock;
    }


    @Override
    public String disabledReason() {
        return unlessSet("no credentials: set API_KEY, API_KEY_SECRET, ACCESS_TOKEN_KEY and ACCESS_TOKEN_SECRET",
                settings.apiKey(), settings.apiKeySecret(), settings.accessTokenKey(), settings.accessTokenSecret());
    }

    /** GET search/tweets.json?q=%23tag, signed with OAuth 1.0a; nothing is sent while the source waits. */
    @Override
    public CollectedBatch fetch(String tag, Checkpoints checkpoints) {
        SourceGate gate = gates.gate(SOURCE);
        gate.check();
        List<?> statuses;
        try {
            statuses = camel.requestBody("twitter-search:%23" + tag, null, List.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof TwitterException refused) {
                throw failure(gate, refused);
            }
            throw e;
        }
        return mapper.toBatch(tag, checkpoints, statuses == null ? List.of() : statuses.stream()
                .map(Status.class::cast).toList());
    }

    /** What twitter4j threw, as the collect cycle understands it. */
    private RuntimeException failure(SourceGate gate, TwitterException error) {
        int status = error.getStatusCode();
        if (error.exceededRateLimitation() || error.getErrorCode() == RATE_LIMIT_EXCEEDED) {
            RateLimitStatus limit = error.getRateLimitStatus();
            Instant until = limit == null ? clock.instant().plus(DEFAULT_WINDOW)
                    : clock.instant().plusSeconds(limit.getSecondsUntilReset());
            return gate.stop(SourceState.RATE_LIMITED, until, "X rate limit reached (" + describe(error) + ")");
        }
        if (error.getErrorCode() == NO_V11_ACCESS) {
            return gate.stop(SourceState.UNAUTHORIZED, null, "X serves v1.1 search only to some accounts, not to"
                    + " these credentials (" + describe(error) + "); the x source (API v2) may serve them");
        }
        if (status == 401 || status == 403) {
            return gate.stop(SourceState.UNAUTHORIZED, null, "X refused the credentials (" + describe(error) + ")");
        }
        if (error.isCausedByNetworkIssue()) {
            // the outcomes io.tagwatch.source.UpstreamClient gives, so the cycles of every source are labelled alike
            return error.getCause() instanceof SocketTimeoutException
                    ? new UpstreamException("timeout", true, "no answer within the timeout")
                    : new UpstreamException("server_error", true,
                            "connection failed: " + error.getCause().getClass().getSimpleName());
        }
        if (status >= 500) {
            return UpstreamException.serverError(status);
        }
        if (status < 0) { // an answer twitter4j could not read
            return UpstreamException.malformed("X v1.1 search answer is not readable ("
                    + (error.getCause() == null ? "no detail" : error.getCause().getClass().getSimpleName()) + ")");
        }
        return UpstreamException.clientError(status, describe(error));
    }

    /** "HTTP 403, code 453: You currently have access to ..."; not getMessage(), which adds paragraphs of help. */
    private static String describe(TwitterException error) {
        StringBuilder text = new StringBuilder("HTTP ").append(error.getStatusCode());
        if (error.getErrorCode() > 0) {
            text.append(", code ").append(error.getErrorCode());
        }
        if (error.getErrorMessage() != null) {
            text.append(": ").append(error.getErrorMessage());
        }
        return text.toString();
    }
}
