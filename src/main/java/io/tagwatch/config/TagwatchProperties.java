package io.tagwatch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code tagwatch.*} keys of application.yaml; README documents each one. */
@ConfigurationProperties("tagwatch")
public record TagwatchProperties(
        @DefaultValue List<String> sources,
        @DefaultValue Collect collect,
        @DefaultValue("./routes") Path routesDir,
        @DefaultValue("2s") Duration routesPollInterval,
        @DefaultValue("./data/tagwatch.db") Path sqliteFile) {

    public record Collect(@DefaultValue("5m") Duration period, @DefaultValue("2000") long firstRunDelay) {
    }
}
