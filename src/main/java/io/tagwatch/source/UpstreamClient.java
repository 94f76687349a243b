package io.tagwatch.source;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import io.tagwatch.config.TagwatchProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends the requests of every source: with connect and read timeouts and a deadline on the whole
 * exchange, through the source's gate (so nothing is sent while it waits), retrying server errors,
 * timeouts and malformed bodies with exponential backoff and jitter, then giving up until the next
 * cycle. It trusts the upstream no further than it must: no redirect is followed, and an answer is
 * read only up to a size limit.
 */
@Component
public class UpstreamClient {

    /** Reads one response: returns the result or throws UpstreamException / SourcePausedException. */
    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(HttpResponse<byte[]> response);
    }

    /** How long to wait when an upstream says its window is spent but not when it resets (X's windows are 15 min). */
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final HttpClient http;
    private final TagwatchProperties.Upstream settings;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> remaining = new ConcurrentHashMap<>();

    private final Tracer tracer;
    private final Clock clock;

    public UpstreamClient(TagwatchProperties properties, MeterRegistry registry, ObjectProvider<OpenTelemetry> tracing,
            Clock clock) {
        this.settings = properties.upstream();
        this.registry = registry;
        this.clock = clock;
        this.tracer = tracing.getIfAvailable(OpenTelemetry::noop).getTracer("tagwatch.upstream");
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public <T> T call(SourceGate gate, HttpRequest.Builder request, ResponseReader<T> reader) {
        HttpRequest built = request.timeout(settings.readTimeout()).build();
        for (int attempt = 0;; attempt++) {
            gate.check();
            long started = System.nanoTime();
            UpstreamException failure = null;
            // a child of the cycle's Camel span; the path only, as queries may carry cursors
            Span span = tracer.spanBuilder(built.method() + " " + gate.source()).setSpanKind(SpanKind.CLIENT)
                    .setAttribute("http.request.method", built.method())
                    .setAttribute("server.address", String.valueOf(built.uri().getHost()))
                    .setAttribute("url.path", String.valueOf(built.uri().getPath())).startSpan();
            try (Scope ignored = span.makeCurrent()) {
                HttpResponse<byte[]> response = exchange(built);
                span.setAttribute("http.response.status_code", response.statusCode());
                readRateLimit(gate, response);
                if (response.statusCode() >= 300 && response.statusCode() < 400) {
                    // never followed: JDK 17 may forward Authorization across origins, and a 307 re-sends a
                    // POST body such as Bluesky's createSession password
                    throw new UpstreamException("redirect", false,
                            "upstream answered a redirect (HTTP " + response.statusCode() + "), which is not followed");
                }
                T result = reader.read(response);
                record(gate.source(), "ok", started);
                return result;
            } catch (UpstreamException e) {
                failure = e;
            } catch (SourcePausedException e) {
                record(gate.source(), switch (e.state()) {
                    case UNAUTHORIZED -> "unauthorized";
                    case RATE_LIMITED -> "rate_limited";
                    default -> "client_error"; // spent credits or usage cap
                }, started);
                throw e;
            } finally {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.outcome());
                }
                span.end();
            }
            record(gate.source(), failure.outcome(), started);
            if (!failure.retryable()) {
                throw failure;
            }
            retryOrThrow(attempt, failure);
        }
    }

    /**
     * One request and its whole answer within tagwatch.upstream.deadline: the JDK's request timeout
     * covers only the headers, so an answer that trickles in a byte at a time would never end. The
     * body is read as a stream and given up beyond tagwatch.upstream.max-body.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request,
                info -> new CappedBody(info, settings.maxBody().toBytes()));
        try {
            return answer.get(settings.deadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true); // closes the connection rather than leave it reading
            throw new UpstreamException("timeout", true, "no whole answer within the deadline");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamException("timeout", false, "interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static UpstreamException failure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge) {
                // a page is a few hundred kB; retrying one this large would only read it again
                return new UpstreamException("malformed", false, t.getMessage());
            }
            if (t instanceof HttpTimeoutException) {
                return new UpstreamException("timeout", true, "no answer within the timeout");
            }
        }
        return new UpstreamException("server_error", true, "connection failed: " + cause.getClass().getSimpleName());
    }

    /** The source's rate-limit remaining as last reported, for the cycle's log line; "unknown" before any. */
    public String rateLimitRemaining(String source) {
        AtomicLong value = remaining.get(source);
        return value == null || value.get() == Long.MIN_VALUE ? "unknown" : Long.toString(value.get());
    }

    /** Creates a source's series at zero, so rules and dashboards see them before its first request. */
    public void registerMeters(String source) {
        for (String outcome : List.of("ok", "rate_limited", "unauthorized", "client_error", "server_error", "timeout",
                "malformed", "redirect")) {
            requests(source, outcome);
        }
        duration(source);
        remaining(source);
    }

    private Counter requests(String source, String outcome) {
        return Counter.builder("tagwatch.upstream.requests").description("Requests to upstream APIs by outcome")
                .tag("source", source).tag("outcome", outcome).register(registry);
    }

    private Timer duration(String source) {
        return Timer.builder("tagwatch.upstream.request.duration").description("Upstream request duration")
                .tag("source", source).publishPercentileHistogram().register(registry);
    }

    /** x-rate-limit-remaining as last seen; NaN until an answer carried it. */
    private AtomicLong remaining(String source) {
        return remaining.computeIfAbsent(source, s -> {
            AtomicLong value = new AtomicLong(Long.MIN_VALUE);
            Gauge.builder("tagwatch.upstream.rate.limit.remaining", value,
                    v -> v.get() == Long.MIN_VALUE ? Double.NaN : v.get())
                    .description("Requests left in the upstream's rate-limit window").tag("source", s).register(registry);
            return value;
        });
    }

    private void record(String source, String outcome, long startedNanos) {
        long nanos = System.nanoTime() - startedNanos;
        requests(source, outcome).increment();
        duration(source).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Every answer says how many requests its window has left; an answer that spent the last one is
     * used, and nothing more is sent until the window resets.
     */
    private void readRateLimit(SourceGate gate, HttpResponse<?> response) {
        OptionalLong left = RateLimits.remaining(response);
        if (left.isEmpty()) {
            return;
        }
        remaining(gate.source()).set(left.getAsLong());
        if (left.getAsLong() <= 0 && response.statusCode() < 300) {
            gate.pause(SourceState.RATE_LIMITED, RateLimits.reset(response, clock.instant().plus(DEFAULT_WINDOW)),
                    "the rate-limit window has no request left");
        }
    }

    private void retryOrThrow(int attempt, UpstreamException failure) {
        if (attempt >= settings.retries()) {
            throw failure;
        }
        // full jitter: anywhere up to backoff × 2^attempt, so parallel cycles do not retry in step
        long ceiling = settings.backoff().toMillis() << attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

}
