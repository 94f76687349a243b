package io.tagwatch.collect;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.source.PostSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The sources tagwatch.sources lists, by name: every {@link PostSource} bean is one, and a name that
 * is none fails the start. A listed source without its settings is disabled, said once at start.
 */
@Component("sources")
public class SourceRegistry {

    private static final Logger log = LoggerFactory.getLogger(SourceRegistry.class);

    private final List<String> listed;
    private final Map<String, PostSource> byName;

    public SourceRegistry(TagwatchProperties properties, List<PostSource> sources) {
        this.byName = sources.stream().collect(Collectors.toMap(PostSource::name, Function.identity()));
        this.listed = properties.sources().stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        for (String name : listed) {
            if (!byName.containsKey(name)) {
                throw new IllegalStateException("tagwatch.sources names '" + name + "', but there is no such source;"
                        + " known: " + byName.keySet());
            }
            String disabled = byName.get(name).disabledReason();
            if (disabled != null) {
                log.info("Source {} is disabled: {}", name, disabled);
            }
        }
        log.info("Collecting from sources {}", enabled());
    }

    public List<String> listed() {
        return listed;
    }

    /** The listed sources that can run; each cycle asks every one. */
    public List<String> enabled() {
        return listed.stream().filter(name -> byName.get(name).disabledReason() == null).toList();
    }

    /** The enabled sources that read windows: those a backfill asks. */
    public List<String> readingWindows() {
        return enabled().stream().filter(name -> byName.get(name).readsWindows()).toList();
    }

    /** Why a listed source cannot run, or null. */
    String disabledReason(String name) {
        return byName.get(name).disabledReason();
    }

    public CollectedBatch fetch(String source, String tag, Checkpoints checkpoints) {
        return byName.get(source).fetch(tag, checkpoints);
    }
}
