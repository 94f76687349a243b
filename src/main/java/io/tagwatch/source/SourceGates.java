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

    public void resetAll() {
        gates.values().forEach(SourceGate::reset);
    }
}
