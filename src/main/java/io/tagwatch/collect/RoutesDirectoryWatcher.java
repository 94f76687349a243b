package io.tagwatch.collect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.tagwatch.config.TagwatchProperties;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Loads the YAML route files of {@code tagwatch.routes-dir} and keeps the running routes in step with
 * them: a file added or changed has its routes (re)built, a file removed has its routes removed.
 *
 * <p>Camel's own reload strategy is not used: by default it removes every route on a change (REST
 * routes included), and with that turned off it neither rebuilds routes made by templatedRoute nor
 * removes the routes of a deleted file. Here each file's routes are remembered by id, so a change
 * touches that file's routes and nothing else.
 */
@Component
public class RoutesDirectoryWatcher implements CamelContextConfiguration, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RoutesDirectoryWatcher.class);

    private record LoadedFile(long modified, long size, Set<String> routeIds) {
    }

    private final Path directory;
    private final long pollMillis;
    private final Map<Path, LoadedFile> loaded = new HashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "routes-dir-watcher");
        t.setDaemon(true);
        return t;
    });
    private CamelContext camel;

    public RoutesDirectoryWatcher(TagwatchProperties properties) {
        this.directory = properties.routesDir().toAbsolutePath().normalize();
        this.pollMillis = properties.routesPollInterval().toMillis();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        log.info("Watching {} for route files", directory);
        poll();
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }

    synchronized void poll() {
        try {
            Map<Path, long[]> present = listRouteFiles();
            for (Path gone : Set.copyOf(loaded.keySet())) {
                if (!present.containsKey(gone)) {
                    removeRoutes(loaded.remove(gone).routeIds());
                    log.info("Route file {} removed; its routes are stopped", gone.getFileName());
                }
            }
            present.forEach((file, stamp) -> {
                LoadedFile before = loaded.get(file);
                if (before == null || before.modified() != stamp[0] || before.size() != stamp[1]) {
                    if (before != null) {
                        removeRoutes(before.routeIds());
                    }
                    loaded.put(file, new LoadedFile(stamp[0], stamp[1], load(file)));
                }
            });
        } catch (RuntimeException | IOException e) {
            log.warn("Scanning route directory {} failed: {}", directory, e.toString());
        }
    }

    private Map<Path, long[]> listRouteFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            Map<Path, long[]> stamps = new HashMap<>();
            for (Path file : files.filter(RoutesDirectoryWatcher::isRouteFile).toList()) {
                stamps.put(file, new long[] {Files.getLastModifiedTime(file).toMillis(), Files.size(file)});
            }
            return stamps;
        }
    }

    private static boolean isRouteFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && name.endsWith(".yaml"); // Camel's YAML DSL loads .yaml only
    }

    private Set<String> load(Path file) {
        Set<String> before = routeIds();
        try {
            Resource resource = PluginHelper.getResourceLoader(camel).resolveResource("file:" + file);
            PluginHelper.getRoutesLoader(camel).loadRoutes(resource);
        } catch (Exception e) {
            log.warn("Route file {} could not be loaded, its routes are not running: {}", file.getFileName(),
                    e.getMessage());
        }
        Set<String> added = new HashSet<>(routeIds());
        added.removeAll(before);
        if (!added.isEmpty()) {
            log.info("Route file {} loaded: routes {}", file.getFileName(), added);
        }
        return added;
    }

    private void removeRoutes(Set<String> ids) {
        for (String id : ids) {
            try {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            } catch (Exception e) {
                log.warn("Route {} could not be removed: {}", id, e.getMessage());
            }
        }
    }

    private Set<String> routeIds() {
        return camel.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toSet());
    }
}
