package io.tagwatch.collect;

import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Window;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a stored batch did to its windows (see {@link Window}), as metrics and log lines: windows
 * opened and filled, and every one given up, with the time it covered, at WARN, since those posts are
 * not collected. Counted once the batch is stored, so a batch that failed counts nothing. The counters
 * of the sources that read windows start at zero.
 */
@Component
class GapWindows {

    private static final Logger log = LoggerFactory.getLogger(GapWindows.class);

    private final MeterRegistry registry;

    GapWindows(MeterRegistry registry, SourceRegistry sources) {
        this.registry = registry;
        for (String source : sources.readingWindows()) {
            for (Window.Kind kind : Window.Kind.values()) {
                openedCounter(source, kind);
                filled(source, kind);
            }
            for (String reason : Set.of(Window.TOO_OLD, Window.NOT_FILLED)) {
                abandoned(source, reason);
                abandonedSeconds(source, reason);
            }
        }
    }

    /** {@code before}: the checkpoints the cycle started from, whose windows were open already. */
    void stored(CollectedBatch batch, Checkpoints before) {
        Set<String> known = before == null ? Set.of()
                : before.windows().stream().map(Window::id).collect(Collectors.toSet());
        for (Window window : batch.windows()) {
            if (!known.contains(window.id())) {
                opened(batch.source(), window.kind());
            }
            if (window.state() == Window.State.FILLED) {
                filled(batch.source(), window.kind()).increment();
            } else if (window.state() == Window.State.ABANDONED) {
                abandoned(batch.source(), window.reason()).increment();
                abandonedSeconds(batch.source(), window.reason()).increment(window.span().toMillis() / 1000.0);
                log.warn("Gave up the posts of tag {} from source {} between {} and {} ({}): {}", batch.tag(),
                        batch.source(), window.from(), window.to(), window.reason(),
                        Window.TOO_OLD.equals(window.reason()) ? "the upstream no longer serves them"
                                : "tagwatch." + batch.source() + ".fill-gaps is false");
            }
        }
    }

    /** A window opened outside a cycle: a backfill request. */
    void opened(String source, Window.Kind kind) {
        openedCounter(source, kind).increment();
    }

    private Counter openedCounter(String source, Window.Kind kind) {
        return Counter.builder("tagwatch.gap.windows.opened").tag("source", source).tag("kind", kind.wireName())
                .description("Windows of unread posts opened: a cycle that stopped before its checkpoint (gap),"
                        + " or a backfill request")
                .register(registry);
    }

    private Counter filled(String source, Window.Kind kind) {
        return Counter.builder("tagwatch.gap.windows.filled").tag("source", source).tag("kind", kind.wireName())
                .description("Windows of unread posts read to the end").register(registry);
    }

    private Counter abandoned(String source, String reason) {
        return Counter.builder("tagwatch.gap.windows.abandoned").tag("source", source).tag("reason", reason)
                .description("Windows of unread posts given up: too_old (the upstream no longer serves them) or"
                        + " fill_gaps_off")
                .register(registry);
    }

    private Counter abandonedSeconds(String source, String reason) {
        return Counter.builder("tagwatch.gap.abandoned").baseUnit("seconds").tag("source", source).tag("reason", reason)
                .description("The time the windows given up covered").register(registry);
    }
}
