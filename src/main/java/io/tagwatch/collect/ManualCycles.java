package io.tagwatch.collect;

import java.util.List;

import io.tagwatch.source.SourceGates;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Cycles a person asks for (POST /api/v1/collect): how they say "fixed". The stops that waited for a
 * person (refused credentials, spent credits) are lifted first, then each tag's cycle runs now, in the
 * background; a tag whose cycle is running already is left to it.
 */
@Component
public class ManualCycles {

    private final SourceGates gates;
    private final TagCycles running;
    private final ProducerTemplate camel;

    public ManualCycles(SourceGates gates, TagCycles running, ProducerTemplate camel) {
        this.gates = gates;
        this.running = running;
        this.camel = camel;
    }

    /** Starts the tags' cycles; answers the tags whose cycle was running already. */
    public List<String> run(List<String> tags) {
        gates.resetAll();
        List<String> busy = tags.stream().filter(running::isRunning).toList();
        for (String tag : tags) {
            if (!busy.contains(tag)) {
                camel.asyncSend("direct:collect-cycle", e -> e.getMessage().setHeader("tag", tag));
            }
        }
        return busy;
    }
}
