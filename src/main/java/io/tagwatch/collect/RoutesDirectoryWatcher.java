package io.tagwatch.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.tagwatch.config.TagwatchProperties;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Makes a collect-tag route for every tag of the bundled routes/tags.yaml and of the tag files in
 * {@code tagwatch.routes-dir}, and keeps them in step with that directory: a file added or changed has
 * its tags' routes (re)built, a file removed has them removed. Each file is read by {@link TagFile},
 * which accepts tags and nothing else, since whoever can write to the directory would otherwise run
 * any route they like here; a file it refuses is logged once at ERROR and none of its tags is
 * collected. Files are read in name order; one refused for a tag another file holds is read again
 * when a tag is let go.
 *
 * <p>Camel's own reload strategy is not used: by default it removes every route on a change (REST
 * routes included), and with that turned off it neither rebuilds routes made by templatedRoute nor
 * removes the routes of a deleted file.
 *
 * <p>A tag's route schedules its job when it starts; the job of a tag let go is removed by
 * {@link TagSchedules}, which on PostgreSQL also keeps the cluster's jobs in step with the tags the
 * live instances hold, every tagwatch.cluster.checkin-interval, on this watcher's thread.
 */
@Component
public class RoutesDirectoryWatcher implements CamelContextConfiguration, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RoutesDirectoryWatcher.class);
    private static final String BUNDLED = "routes/tags.yaml";

    /** A file as last read: its tags, or none and whether it waits for a tag another file holds. */
    private record LoadedFile(long modified, long size, List<String> tags, boolean waiting) {
    }

    private final Path directory;
    private final long pollMillis;
    private final Map<Path, LoadedFile> loaded = new HashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "routes-dir-watcher");
        t.setDaemon(true);
        return t;
    });
    private final TrackedTags trackedTags;
    private final TagSchedules schedules;
    private final Collector collector;
    private final SourceStatuses statuses;
    private final String periodMillis;
    private final long reconcileMillis;
    private CamelContext camel;

    public RoutesDirectoryWatcher(TagwatchProperties properties, TrackedTags trackedTags, TagSchedules schedules,
            Collector collector, SourceStatuses statuses) {
        this.statuses = statuses;
        this.directory = properties.routesDir().toAbsolutePath().normalize();
        this.pollMillis = properties.routesPollInterval().toMillis();
        this.trackedTags = trackedTags;
        this.schedules = schedules;
        this.collector = collector;
        this.periodMillis = Long.toString(properties.collect().period().toMillis());
        this.reconcileMillis = properties.cluster().checkinInterval().toMillis();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        collector.prepare();
        try (InputStream bundled = new ClassPathResource(BUNDLED).getInputStream()) {
            addTags(TagFile.tags(new String(bundled.readAllBytes(), StandardCharsets.UTF_8)),
                    new TrackedTags.Definition(true, Path.of(BUNDLED).getFileName().toString()));
        } catch (IOException | TagFile.Refused e) {
            throw new IllegalStateException("the bundled " + BUNDLED + " is not a valid tag file: " + e.getMessage(), e);
        }
        log.info("Watching {} for tag files", directory);
        poll();
        collector.begin();
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        poller.scheduleWithFixedDelay(this::reconcile, reconcileMillis, reconcileMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }

    synchronized void poll() {
        try {
            Map<Path, long[]> present = listRouteFiles();
            boolean released = false;
            for (Path gone : Set.copyOf(loaded.keySet())) {
                if (!present.containsKey(gone)) {
                    released |= removeTags(loaded.remove(gone).tags());
                    log.info("Tag file {} removed; its tags are no longer collected", gone.getFileName());
                }
            }
            for (Map.Entry<Path, long[]> file : present.entrySet()) {
                LoadedFile before = loaded.get(file.getKey());
                long[] stamp = file.getValue();
                if (before == null || before.modified() != stamp[0] || before.size() != stamp[1]) {
                    released |= before != null && removeTags(before.tags());
                    loaded.put(file.getKey(), load(file.getKey(), stamp));
                }
            }
            if (released) { // a file refused for a tag another file held may be collected now
                for (Map.Entry<Path, long[]> file : present.entrySet()) {
                    if (loaded.get(file.getKey()).waiting()) {
                        loaded.put(file.getKey(), load(file.getKey(), file.getValue()));
                    }
                }
            }
        } catch (RuntimeException | IOException e) {
            log.warn("Scanning route directory {} failed: {}", directory, e.toString());
        }
    }

    /** The cluster's jobs in step with the tags the live instances hold (PostgreSQL; see TagSchedules). */
    synchronized void reconcile() {
        try {
            for (String tag : schedules.reconcile(trackedTags.current())) {
                log.info("The schedule of tag {} was removed by another instance that let it go; it is scheduled"
                        + " again, as this instance still has it", tag);
                camel.removeRoute(TrackedTags.routeId(tag));
                addRoute(tag);
            }
        } catch (Exception e) {
            log.warn("Checking the tags' schedules failed: {}", e.toString());
        }
    }

    private Map<Path, long[]> listRouteFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            Map<Path, long[]> stamps = new TreeMap<>(); // read in name order, so the same file wins a tag every time
            for (Path file : files.filter(RoutesDirectoryWatcher::isRouteFile).toList()) {
                stamps.put(file, new long[] {Files.getLastModifiedTime(file).toMillis(), Files.size(file)});
            }
            return stamps;
        }
    }

    private static boolean isRouteFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && name.endsWith(".yaml");
    }

    /** The file as read now: its tags collected, or none when it is refused. */
    private LoadedFile load(Path file, long[] stamp) {
        try {
            if (Files.size(file) > TagFile.MAX_BYTES) {
                throw new TagFile.Refused("larger than " + TagFile.MAX_BYTES + " bytes");
            }
            List<String> added = addTags(TagFile.tags(Files.readString(file, StandardCharsets.UTF_8)),
                    new TrackedTags.Definition(false, file.getFileName().toString()));
            log.info("Tag file {} loaded: tags {}", file.getFileName(), added);
            return new LoadedFile(stamp[0], stamp[1], added, false);
        } catch (TagFile.Refused e) {
            log.error("Tag file {} refused, none of its tags is collected: {}", file.getFileName(), e.getMessage());
            return new LoadedFile(stamp[0], stamp[1], List.of(), e instanceof TagHeldElsewhere);
        } catch (IOException e) {
            log.error("Tag file {} refused, it cannot be read as UTF-8 text: {}", file.getFileName(),
                    e.getClass().getSimpleName());
            return new LoadedFile(stamp[0], stamp[1], List.of(), false);
        }
    }

    /** A file names a tag that another file (or tags.yaml) is collecting. */
    private static final class TagHeldElsewhere extends TagFile.Refused {
        TagHeldElsewhere(String tag) {
            super("tag " + tag + " is collected already, from another file");
        }
    }

    /** A route per tag, named collect-tag; all or none, as a tag collected already refuses the file. */
    private List<String> addTags(List<String> tags, TrackedTags.Definition definition) throws TagFile.Refused {
        List<String> added = new ArrayList<>();
        for (String tag : tags) {
            if (trackedTags.isTracked(tag)) {
                removeTags(added);
                throw new TagHeldElsewhere(tag);
            }
            trackedTags.add(tag, definition);
            try {
                schedules.hold(tag);
                addRoute(tag);
                statuses.tracked(tag);
            } catch (Exception e) {
                trackedTags.remove(tag);
                schedules.letGo(tag);
                removeTags(added);
                throw new TagFile.Refused("tag " + tag + " could not be started: " + e.getClass().getSimpleName());
            }
            added.add(tag);
        }
        return added;
    }

    /** The tag's route, whose quartz: endpoint schedules the tag's job (when it has none yet). */
    private void addRoute(String tag) throws Exception {
        camel.addRouteFromTemplate(TrackedTags.routeId(tag), TrackedTags.TEMPLATE,
                Map.of("tag", tag, "periodMillis", periodMillis));
    }

    /** Answers whether any tag was let go. */
    private boolean removeTags(List<String> tags) {
        for (String tag : tags) {
            trackedTags.remove(tag);
            try {
                camel.getRouteController().stopRoute(TrackedTags.routeId(tag));
                camel.removeRoute(TrackedTags.routeId(tag));
            } catch (Exception e) {
                log.warn("The route of tag {} could not be removed: {}", tag, e.getMessage());
            }
            schedules.letGo(tag);
        }
        return !tags.isEmpty();
    }
}
