package io.tagwatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code tagwatch.*} keys of application.yaml; README documents each one. Records that hold a
 * secret say only whether it is set in {@code toString()}, which error messages and debug logs use.
 */
@ConfigurationProperties("tagwatch")
public record TagwatchProperties(
        @DefaultValue({"x", "mastodon"}) List<String> sources,
        @DefaultValue Collect collect,
        @DefaultValue("./routes") Path routesDir,
        @DefaultValue("2s") Duration routesPollInterval,
        @DefaultValue("./data/tagwatch.db") Path sqliteFile,
        @DefaultValue Api api,
        @DefaultValue Upstream upstream,
        @DefaultValue X x,
        @DefaultValue Mastodon mastodon,
        @DefaultValue Bluesky bluesky,
        @DefaultValue Twitter twitter,
        String adminToken) {

    @Override
    public String toString() {
        return "TagwatchProperties[sources=" + sources + ", collect=" + collect + ", routesDir=" + routesDir
                + ", routesPollInterval=" + routesPollInterval + ", sqliteFile=" + sqliteFile + ", api=" + api
                + ", upstream=" + upstream + ", x=" + x + ", mastodon=" + mastodon + ", bluesky=" + bluesky
                + ", twitter=" + twitter + ", adminToken=" + Secrets.mask(adminToken) + "]";
    }

    public record Collect(@DefaultValue("5m") Duration period, @DefaultValue("2000") long firstRunDelay) {
    }

    /** Limits of the REST API. */
    public record Api(@DefaultValue("64KB") DataSize maxBody,
            @DefaultValue("Proprietary, no license granted") String license) {
    }

    /** How every source calls its upstream. */
    public record Upstream(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("20s") Duration readTimeout,
            @DefaultValue("30s") Duration deadline,
            @DefaultValue("8MB") DataSize maxBody,
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

        @Override
        public String toString() {
            return "X[baseUrl=" + baseUrl + ", bearerToken=" + Secrets.mask(bearerToken) + ", apiKey="
                    + Secrets.mask(apiKey) + ", apiKeySecret=" + Secrets.mask(apiKeySecret) + ", maxPagesPerCycle="
                    + maxPagesPerCycle + ", dailyReadBudget=" + dailyReadBudget + "]";
        }
    }

    public record Mastodon(
            List<Instance> instances,
            @DefaultValue("3") int maxPagesPerCycle) {

        public record Instance(URI url, String accessToken) {

            @Override
            public String toString() {
                return "Instance[url=" + Secrets.withoutUserInfo(url) + ", accessToken=" + Secrets.mask(accessToken)
                        + "]";
            }
        }
    }

    public record Bluesky(
            @DefaultValue("https://bsky.social") URI baseUrl,
            String handle,
            String appPassword,
            @DefaultValue("1") int maxPagesPerCycle,
            @DefaultValue("1h") Duration profileCacheFor) {

        @Override
        public String toString() {
            return "Bluesky[baseUrl=" + baseUrl + ", handle=" + handle + ", appPassword=" + Secrets.mask(appPassword)
                    + ", maxPagesPerCycle=" + maxPagesPerCycle + ", profileCacheFor=" + profileCacheFor + "]";
        }
    }

    /** camel-twitter (X API v1.1 search), opt-in. */
    public record Twitter(
            String apiKey,
            String apiKeySecret,
            String accessTokenKey,
            String accessTokenSecret,
            @DefaultValue("https://api.twitter.com/1.1/") URI restBaseUrl) {

        @Override
        public String toString() {
            return "Twitter[apiKey=" + Secrets.mask(apiKey) + ", apiKeySecret=" + Secrets.mask(apiKeySecret)
                    + ", accessTokenKey=" + Secrets.mask(accessTokenKey) + ", accessTokenSecret="
                    + Secrets.mask(accessTokenSecret) + ", restBaseUrl=" + restBaseUrl + "]";
        }
    }
}
