package io.tagwatch.source;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tagwatch.config.TagwatchProperties;

import org.springframework.stereotype.Component;

/** One gate per upstream: a source, or for Mastodon one per instance. */
@Component
public class SourceGates {

    private final Map<String, SourceGate> gates = new ConcurrentHashMap<>();
    private final Clock clock;
    private final TagwatchProperties.Upstream upstream;

    public SourceGates(Clock clock, TagwatchProperties properties) {
        this.clock = clock;
        this.upstream = properties.upstream();
    }

    public SourceGate gate(String name) {
        return gates.computeIfAbsent(name,
                n -> new SourceGate(n, clock, upstream.circuitFailures(), upstream.circuitOpenFor()));
    }

    /**
     * The state to show for a source: its own gate's, or else the first of its upstreams' gates (one
     * Mastodon instance each) that is not ok, so one instance that refuses us is visible and alerts.
     */
    public SourceGate.Snapshot snapshot(String source) {
        SourceGate.Snapshot own = gate(source).snapshot();
        if (own.state() != SourceState.OK) {
            return own;
        }
        return gates.values().stream().filter(g -> g.source().equals(source)).map(SourceGate::snapshot)
                .filter(s -> s.state() != SourceState.OK).findFirst().orElse(own);
    }

    public void resetAll() {
        gates.values().forEach(SourceGate::reset);
    }
}
