package io.tagwatch.collect;

import java.time.Clock;
import java.time.Instant;

import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamClient;
import io.tagwatch.source.UpstreamException;

import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * What happens around each source's part of a cycle (route collect-source), as its route policy: the
 * log lines in between carry the tag and source, and at the end its outcome goes to the source's
 * gate (the circuit breaker), to {@link SourceStatuses}, and to one log line with its numbers as
 * fields. A change of state is logged once.
 */
@Component("cycleCompletion")
public class CycleCompletion extends RoutePolicySupport {

    static final String TAG = "tagwatch.tag";
    static final String SOURCE = "tagwatch.source";
    private static final String STARTED_AT = "tagwatchCycleStartedAt";
    private static final Logger log = LoggerFactory.getLogger(CycleCompletion.class);

    private final SourceStatuses statuses;
    private final SourceGates gates;
    private final UpstreamClient upstream;
    private final GapWindows gapWindows;
    private final Clock clock;

    CycleCompletion(SourceStatuses statuses, SourceGates gates, UpstreamClient upstream, GapWindows gapWindows,
            Clock clock) {
        this.statuses = statuses;
        this.gates = gates;
        this.upstream = upstream;
        this.gapWindows = gapWindows;
        this.clock = clock;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        String tag = exchange.getMessage().getHeader("tag", String.class);
        String source = exchange.getMessage().getHeader("source", String.class);
        MDC.put(TAG, tag);
        MDC.put(SOURCE, source);
        exchange.setProperty(STARTED_AT, clock.millis());
        statuses.started(source, tag);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        String tag = exchange.getMessage().getHeader("tag", String.class);
        String source = exchange.getMessage().getHeader("source", String.class);
        long durationMs = clock.millis() - exchange.getProperty(STARTED_AT, 0L, Long.class);
        try {
            Exception failure = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (failure == null) {
                CollectedBatch batch = exchange.getMessage().getBody(CollectedBatch.class);
                gapWindows.stored(batch, exchange.getMessage().getHeader("checkpoints", Checkpoints.class));
                succeeded(source, tag, batch, exchange.getMessage().getHeader("newPosts", 0, Integer.class), durationMs);
            } else {
                failed(source, tag, failure, durationMs);
            }
        } finally {
            MDC.remove(TAG);
            MDC.remove(SOURCE);
        }
    }

    private void succeeded(String source, String tag, CollectedBatch batch, int stored, long durationMs) {
        gate(() -> gates.gate(source).cycleSucceeded());
        if (statuses.succeeded(source, tag, startedAt(durationMs)) != SourceState.OK) {
            log.info("Source {} is collecting tag {} again", source, tag);
        }
        line(tag, source, batch.postsRead(), stored, batch.pages(), durationMs, "ok");
    }

    /** The failure's own text goes to the log; the API shows its category (see {@link ErrorCategory}). */
    private void failed(String source, String tag, Exception error, long durationMs) {
        ErrorCategory category = ErrorCategory.of(error);
        SourceState state = error instanceof SourcePausedException paused ? paused.state() : SourceState.ERROR;
        String outcome = error instanceof SourcePausedException paused ? paused.state().wireName()
                : error instanceof UpstreamException failure ? failure.outcome() : category.wireName();
        String detail = error instanceof SourcePausedException || error instanceof UpstreamException
                ? error.getMessage() : error.getClass().getSimpleName() + ": " + error.getMessage();
        // the database failed, not the source: that must not open the source's circuit, or a database
        // outage would keep collection stopped for circuit-open-for after the database is back
        if (state == SourceState.ERROR && category != ErrorCategory.DATABASE_UNAVAILABLE) {
            gate(() -> gates.gate(source).cycleFailed(detail));
        }
        if (statuses.failed(source, tag, state, category, startedAt(durationMs)) != SourceState.ERROR
                && state == SourceState.ERROR) {
            log.warn("Collecting tag {} from source {} failed ({}): {}", tag, source, category.wireName(), detail);
        }
        line(tag, source, 0, 0, 0, durationMs, outcome);
    }

    /**
     * The circuit's count is in the database with the rest of the gate: while it does not answer, the
     * count stays as it was (such a cycle's own outcome is database_unavailable, logged).
     */
    private static void gate(Runnable change) {
        try {
            change.run();
        } catch (RuntimeException databaseDown) {
            log.debug("A source's gate could not be updated: {}", databaseDown.getClass().getSimpleName());
        }
    }

    private Instant startedAt(long durationMs) {
        return clock.instant().minusMillis(durationMs);
    }

    /** One line per source and cycle; Kibana reads its numbers from the tagwatch.* fields. */
    private void line(String tag, String source, int read, int stored, int pages, long durationMs, String outcome) {
        String remaining = upstream.rateLimitRemaining(source);
        log.atInfo().addKeyValue("tagwatch.read", read).addKeyValue("tagwatch.new", stored)
                .addKeyValue("tagwatch.duplicates", read - stored).addKeyValue("tagwatch.pages", pages)
                .addKeyValue("tagwatch.duration_ms", durationMs).addKeyValue("tagwatch.outcome", outcome)
                .log("Collected tag={} source={} read={} new={} duplicates={} pages={} durationMs={}"
                        + " rateLimitRemaining={} outcome={}", tag, source, read, stored, read - stored, pages,
                        durationMs, remaining, outcome);
    }
}
