package io.tagwatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot frames of a Flight Recorder profile (bench/run.sh --profile records the ingest with the JDK's
 * "profile" settings): per method, the share of execution samples where it is on top of the stack
 * (self) and anywhere in it (total), for tagwatch's, Camel's and the drivers' methods.
 */
final class Profile {

    record Frame(String method, double self, double total) {
    }

    private Profile() {
    }

    /** Every method seen, with its self and total shares of the samples. */
    static List<Frame> frames(Path recording) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (seen.add(name)) {
                    total.merge(name, 1, Integer::sum);
                }
            }
        }
        int all = Math.max(1, samples);
        Map<String, Frame> frames = new LinkedHashMap<>();
        total.forEach((method, count) -> frames.put(method,
                new Frame(method, self.getOrDefault(method, 0) / (double) all, count / (double) all)));
        return List.copyOf(frames.values());
    }

    /** Where the CPU is spent: the methods most often on top of the stack. */
    static List<Frame> bySelf(List<Frame> frames, int n) {
        return frames.stream().sorted((a, b) -> Double.compare(b.self(), a.self())).limit(n).toList();
    }

    /** What the time is spent under: tagwatch's and Camel's processors and the JDBC calls, by total share. */
    static List<Frame> byTotal(List<Frame> frames, int n) {
        return frames.stream().filter(f -> f.method().startsWith("io.tagwatch.")
                || f.method().startsWith("org.apache.camel.component.") || f.method().startsWith("org.apache.camel.support.")
                || f.method().startsWith("org.springframework.jdbc.") || f.method().startsWith("org.sqlite.")
                || f.method().startsWith("org.postgresql.jdbc.") || f.method().startsWith("com.fasterxml.jackson.databind."))
                .sorted((a, b) -> Double.compare(b.total(), a.total())).limit(n).toList();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
