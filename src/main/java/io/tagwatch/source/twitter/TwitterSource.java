package io.tagwatch.source.twitter;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamException;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import twitter4j.TwitterException;
import twitter4j.v1.RateLimitStatus;

/**
 * X API v1.1 search through camel-twitter, opt-in. The route source-twitter does the work: it asks
 * {@link #checkGate()}, calls the twitter-search endpoint (its client set up by
 * {@link TwitterClientConfiguration}), hands a failure to {@link #rethrow} and the statuses to
 * {@link TwitterStatusMapper}. X serves v1.1 search only to some access levels; other
 * accounts get 403 code 453, which stops this source until a person acts.
 */
@Component("twitterSource") // route source-twitter refers to it by this name
public class TwitterSource implements PostSource {

    public static final String SOURCE = "twitter";
    private static final String ROUTE = "direct:source-twitter";
    private static final int RATE_LIMIT_EXCEEDED = 88;
    private static final int NO_V11_ACCESS = 453;
    /** v1.1 rate-limit windows are 15 minutes; used when a 429 comes without x-rate-limit-reset. */
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final TagwatchProperties.Twitter settings;
    private final SourceGates gates;
    private final ProducerTemplate camel;
    private final Clock clock;

    public TwitterSource(TagwatchProperties properties, SourceGates gates, ProducerTemplate camel, Clock clock) {
        this.settings = properties.twitter();
        this.gates = gates;
        this.camel = camel;
        this.clock = clock;
    }

    @Override
    public String name() {
        return SOURCE;
    }

    @Override
    public String disabledReason() {
        boolean configured = Stream.of(settings.apiKey(), settings.apiKeySecret(), settings.accessTokenKey(),
                settings.accessTokenSecret()).allMatch(value -> value != null && !value.isBlank());
        return configured ? null
                : "no credentials: set API_KEY, API_KEY_SECRET, ACCESS_TOKEN_KEY and ACCESS_TOKEN_SECRET";
    }

    /**
     * The collect cycle calls route source-twitter directly; this runs the same route for a caller that
     * holds a PostSource.
     */
    @Override
    public CollectedBatch readNewPosts(String tag, Checkpoints checkpoints) {
        Exchange done = camel.send(ROUTE, exchange -> {
            exchange.getMessage().setHeader("tag", tag);
            exchange.getMessage().setHeader("checkpoints", checkpoints);
        });
        if (done.getException() instanceof RuntimeException failure) {
            throw failure;
        }
        if (done.getException() != null) {
            throw new IllegalStateException(done.getException());
        }
        return done.getMessage().getBody(CollectedBatch.class);
    }

    /** Throws while the source waits (rate limit, refused credentials, open circuit), so nothing is sent. */
    public void checkGate() {
        gates.gate(SOURCE).check();
    }

    /** Turns what twitter4j threw into what the collect cycle understands; always throws. */
    public void rethrow(TwitterException error) {
        SourceGate gate = gates.gate(SOURCE);
        int status = error.getStatusCode();
        if (error.exceededRateLimitation() || error.getErrorCode() == RATE_LIMIT_EXCEEDED) {
            RateLimitStatus limit = error.getRateLimitStatus();
            Instant until = limit == null ? clock.instant().plus(DEFAULT_WINDOW)
                    : clock.instant().plusSeconds(limit.getSecondsUntilReset());
            throw stop(gate, SourceState.RATE_LIMITED, until, "X rate limit reached (" + describe(error) + ")");
        }
        if (error.getErrorCode() == NO_V11_ACCESS) {
            throw stop(gate, SourceState.UNAUTHORIZED, null, "X serves v1.1 search only to some accounts, not to"
                    + " these credentials (" + describe(error) + "); the x source (API v2) may serve them");
        }
        if (status == 401 || status == 403) {
            throw stop(gate, SourceState.UNAUTHORIZED, null, "X refused the credentials (" + describe(error) + ")");
        }
        if (error.isCausedByNetworkIssue()) {
            // the outcomes io.tagwatch.source.UpstreamClient gives, so the cycles of every source are labelled alike
            throw error.getCause() instanceof SocketTimeoutException
                    ? new UpstreamException("timeout", true, "no answer within the timeout")
                    : new UpstreamException("server_error", true,
                            "connection failed: " + error.getCause().getClass().getSimpleName());
        }
        if (status >= 500) {
            throw UpstreamException.serverError(status);
        }
        if (status < 0) { // an answer twitter4j could not read
            throw UpstreamException.malformed("X v1.1 search answer is not readable ("
                    + (error.getCause() == null ? "no detail" : error.getCause().getClass().getSimpleName()) + ")");
        }
        throw UpstreamException.clientError(status, describe(error));
    }

    private static SourcePausedException stop(SourceGate gate, SourceState state, Instant until, String why) {
        gate.pause(state, until, why);
        return new SourcePausedException(state, until, why);
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
