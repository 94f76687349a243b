package io.tagwatch.collect;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The tags whose cycle is running. Two cycles of one tag at once (a manual trigger during the timer's)
 * could store their batches in either order, and the older batch's checkpoint would then undo the
 * newer's: the second cycle is skipped instead, as the running one is collecting what it would.
 */
@Component("tagCycles")
public class TagCycles {

    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** False when the tag's cycle is running already. */
    public boolean start(String tag) {
        return running.add(tag);
    }

    public boolean isRunning(String tag) {
        return running.contains(tag);
    }

    public void end(String tag) {
        running.remove(tag);
    }
}
