package io.tagwatch.source.x;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.post.Window;
import io.tagwatch.source.Gaps;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.SourceGate;
import io.tagwatch.source.SourceGates;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.UpstreamClient;
import io.tagwatch.source.UpstreamException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * X API v2 recent search, polled the documented way: since_id from the newest_id of a cycle's first
 * page, then next_token for at most tagwatch.x.max-pages-per-cycle pages. When those pages end before
 * the since_id, the posts in between are not skipped: they are a window (since_id, oldest id read),
 * read after the head with since_id and until_id, newest first, in later cycles if need be (see
 * {@link Gaps}). X serves the last 7 days, so a window older than that is given up and counted. Every
 * page's reads are reserved in the daily budget first ({@link XSearch}).
 */
@Component("xSource") // Spring would name it "XSource"
public class XSource extends PostSource {

    private static final Logger log = LoggerFactory.getLogger(XSource.class);

    public static final String SOURCE = "x";
    /** What recent search serves, less a minute so that a request never asks for a second it no longer has. */
    static final Duration SERVED = Duration.ofDays(7).minusMinutes(1);

    private final TagwatchProperties.X settings;
    private final XAuth auth;
    private final XSearch search;
    private final SourceGates gates;
    private final Clock clock;

    public XSource(TagwatchProperties properties, XAuth auth, XSearch search, ReadBudget budget,
            UpstreamClient upstream, SourceGates gates, Clock clock, MeterRegistry registry) {
        super(SOURCE);
        this.settings = properties.x();
        this.auth = auth;
        this.search = search;
        this.gates = gates;
        this.clock = clock;
        upstream.registerMeters(SOURCE);
        Gauge.builder("tagwatch.x.budget.remaining.reads", budget, ReadBudget::remainingToday)
                .description("Posts X may still be asked for today (UTC)").register(registry);
    }

    @Override
    public String disabledReason() {
        return auth.isConfigured() ? null : "no credentials: set X_BEARER_TOKEN, or API_KEY and API_KEY_SECRET";
    }

    /** What a cycle has read so far, over the head and the windows. */
    private static final class Reading {
        final List<Post> posts = new ArrayList<>();
        final Map<String, Author> authors = new LinkedHashMap<>();
        int pages;
    }

    @Override
    public boolean readsWindows() {
        return true;
    }

    @Override
    public CollectedBatch fetch(String tag, Checkpoints checkpoints) {
        SourceGate gate = gates.gate(SOURCE);
        Instant now = clock.instant();
        Gaps gaps = new Gaps(checkpoints, now, now.minus(SERVED), settings.fillGaps());
        Reading reading = new Reading();
        String sinceId = checkpoints.only();
        XSearch.Bounds head = new XSearch.Bounds(sinceId, null, null, null);
        Instant sinceAt = sinceId == null ? null : XIds.instant(sinceId);
        if (sinceId != null) {
            Instant start = gaps.headStart(sinceId, sinceAt);
            if (!start.equals(sinceAt)) {
                head = new XSearch.Bounds(null, start, null, null);
                sinceAt = start;
            }
        }
        Span top = read(gate, tag, head, settings.maxPagesPerCycle(), reading, true);
        if (!top.complete() && top.pages() > 0 && sinceAt != null) {
            gaps.headStopped(head.sinceId(), sinceAt, top.oldestId(), XIds.instant(top.oldestId()));
        }
        if (!top.stopped()) {
            gaps.fill(settings.maxPagesPerCycle(), (window, pages) -> {
                Span read = read(gate, tag, bounds(window), pages, reading, false);
                return new Gaps.Stretch(read.pages(), read.complete(), read.oldestId(),
                        read.oldestId() == null ? null : XIds.instant(read.oldestId()), read.stopped());
            });
        }
        String checkpoint = top.newestId() != null ? top.newestId() : sinceId;
        return new CollectedBatch(SOURCE, tag, reading.posts, List.copyOf(reading.authors.values()),
                Checkpoints.of(checkpoint), reading.pages, reading.posts.size(), gaps.changed());
    }

    private static XSearch.Bounds bounds(Window window) {
        return new XSearch.Bounds(window.after(), window.after() == null ? window.from() : null, window.before(),
                window.before() == null ? window.to() : null);
    }

    /** How far one search got: its newest post, its oldest, whether it reached its end, whether X stopped it. */
    private record Span(int pages, boolean complete, String newestId, String oldestId, boolean stopped) {
    }

    /**
     * Pages of one search, newest first, until its end or {@code maxPages}. The source pausing, or the
     * day's budget being in flight elsewhere, ends it with what the earlier pages brought; on the head's
     * first page a pause is the cycle's outcome. In a window, a failed call ends the filling for this
     * cycle and keeps the head's posts.
     */
    private Span read(SourceGate gate, String tag, XSearch.Bounds bounds, int maxPages, Reading reading, boolean head) {
        String newest = null;
        String oldest = null;
        String nextToken = null;
        int pages = 0;
        do {
            XPage page;
            try {
                page = search.page(gate, tag, bounds, nextToken);
            } catch (SourcePausedException e) {
                if (head && pages == 0) {
                    throw e;
                }
                return new Span(pages, false, newest, oldest, true);
            } catch (UpstreamException e) {
                if (head) {
                    throw e;
                }
                log.warn("Filling a window of tag {} stopped for this cycle: {}", tag, e.getMessage());
                return new Span(pages, false, newest, oldest, true);
            }
            if (page == null) {
                return new Span(pages, false, newest, oldest, true); // what the day has left is in flight elsewhere
            }
            pages++;
            reading.pages++;
            reading.posts.addAll(page.posts());
            page.authors().forEach(a -> reading.authors.merge(a.id(), a, Author::newer));
            if (pages == 1) {
                newest = page.newestId();
            }
            for (Post post : page.posts()) {
                oldest = oldest == null || XIds.compare(post.id(), oldest) < 0 ? post.id() : oldest;
            }
            nextToken = page.nextToken();
        } while (nextToken != null && pages < maxPages);
        return new Span(pages, nextToken == null, newest, oldest, false);
    }
}
