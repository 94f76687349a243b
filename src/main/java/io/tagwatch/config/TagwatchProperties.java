package io.tagwatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code tagwatch.*} keys of application.yaml; README documents each one. */
@ConfigurationProperties("tagwatch")
public record TagwatchProperties(
        @DefaultValue({"x", "mastodon"}) List<String> sources,
        @DefaultValue Collect collect,
        @DefaultValue("./routes") Path routesDir,
        @DefaultValue("2s") Duration routesPollInterval,
        @DefaultValue("./data/tagwatch.db") Path sqliteFile,
        @DefaultValue Upstream upstream,
        @DefaultValue X x,
        @DefaultValue Mastodon mastodon,
        @DefaultValue Bluesky bluesky,
        @DefaultValue Twitter twitter,
        String adminToken) {

    public record Collect(@DefaultValue("5m") Duration period, @DefaultValue("2000") long firstRunDelay) {
    }

    /** How every source calls its upstream. */
    public record Upstream(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("20s") Duration readTimeout,
            @DefaultValue("2") int retries,
            @DefaultValue("1s") Duration backoff,
            @DefaultValue("5") int circuitFailures,
            @DefaultValue("10m") Duration circuitOpenFor) {
    }

    public record X(
            @DefaultValue("https://api.x.com") URI baseUrl,
            String bearerToken,
            String apiKey,
            String apiKeySecret,
            @DefaultValue("1") int maxPagesPerCycle,
            @DefaultValue("2000") long dailyReadBudget) {
    }

    public record Mastodon(
            List<Instance> instances,
            @DefaultValue("3") int maxPagesPerCycle) {

        public record Instance(URI url, String accessToken) {
        }
    }

    public record Bluesky(
            @DefaultValue("https://bsky.social") URI baseUrl,
            String handle,
            String appPassword,
            @DefaultValue("1") int maxPagesPerCycle,
            @DefaultValue("1h") Duration profileCacheFor) {
    }

    /** camel-twitter (X API v1.1 search), opt-in. */
    public record Twitter(
            String apiKey,
            String apiKeySecret,
            String accessTokenKey,
            String accessTokenSecret,
            @DefaultValue("https://api.twitter.com/1.1/") URI restBaseUrl) {
    }
}
