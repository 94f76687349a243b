package io.tagwatch.collect;

import java.util.List;

import io.tagwatch.source.SourceGates;

import org.quartz.SchedulerException;
import org.springframework.stereotype.Component;

/**
 * Cycles a person asks for (POST /api/v1/collect): how they say "fixed". The stops that waited for a
 * person (refused credentials, spent credits) are lifted first, on every instance, since the gates are
 * in the database; then each tag's job is fired now through the scheduler, so that the cycle runs on
 * whichever instance takes it, and never alongside a running one of the same tag (which it follows). A
 * tag whose cycle is running on this instance is left to it.
 */
@Component
public class ManualCycles {

    private final SourceGates gates;
    private final TagCycles running;
    private final TagSchedules schedules;

    public ManualCycles(SourceGates gates, TagCycles running, TagSchedules schedules) {
        this.gates = gates;
        this.running = running;
        this.schedules = schedules;
    }

    /** Starts the tags' cycles; answers the tags whose cycle was running already. */
    public List<String> run(List<String> tags) {
        gates.resetAll();
        List<String> busy = tags.stream().filter(running::isRunning).toList();
        try {
            schedules.runNow(tags.stream().filter(tag -> !busy.contains(tag)).toList());
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler did not take the cycles", e);
        }
        return busy;
    }
}
