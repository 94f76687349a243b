package io.tagwatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code tagwatch.*} keys of application.yaml; README documents each one with its bounds. A value
 * out of its bounds stops the start with the key's name, instead of a zero that disables a safeguard
 * (circuit-failures=0 would open the circuit at once) or a size that overflows where it is used.
 * Records that hold a secret say only whether it is set in {@code toString()}, which error messages and
 * debug logs use.
 */
@Validated
@ConfigurationProperties("tagwatch")
public record TagwatchProperties(
        @DefaultValue({"x", "mastodon"}) @NotNull List<String> sources,
        @DefaultValue @Valid Collect collect,
        @DefaultValue("./routes") Path routesDir,
        @DefaultValue("2s") @DurationMin(millis = 100) @DurationMax(hours = 1) Duration routesPollInterval,
        @DefaultValue("./data/tagwatch.db") @NotNull Path sqliteFile,
        @DefaultValue @Valid Api api,
        @DefaultValue @Valid Upstream upstream,
        @DefaultValue @Valid X x,
        @DefaultValue @Valid Mastodon mastodon,
        @DefaultValue @Valid Bluesky bluesky,
        @DefaultValue @Valid Twitter twitter,
        @DefaultValue @Valid Cluster cluster,
        @DefaultValue("") @Pattern(regexp = "[A-Za-z0-9._-]{0,63}",
                message = "must be up to 63 letters, digits, '.', '_' or '-'") String instanceId,
        String adminToken) {

    @Override
    public String toString() {
        return "TagwatchProperties[sources=" + sources + ", collect=" + collect + ", routesDir=" + routesDir
                + ", routesPollInterval=" + routesPollInterval + ", sqliteFile=" + sqliteFile + ", api=" + api
                + ", upstream=" + upstream + ", x=" + x + ", mastodon=" + mastodon + ", bluesky=" + bluesky
                + ", twitter=" + twitter + ", cluster=" + cluster + ", instanceId=" + instanceId + ", adminToken="
                + Secrets.mask(adminToken) + "]";
    }

    /** The smallest period is for tests and benchmarks; a real upstream is asked every few minutes. */
    public record Collect(
            @DefaultValue("5m") @DurationMin(millis = 10) @DurationMax(days = 1) Duration period,
            @DefaultValue("2000") @Min(0) @Max(86_400_000) long firstRunDelay,
            @DefaultValue("16") @Min(1) @Max(256) int threads) {
    }

    /**
     * Several instances: on PostgreSQL they share the tags through Quartz's clustered job store, which
     * declares an instance failed once it has not checked in for this interval and 7.5 s; on SQLite one
     * process collects and another waits on the file's lock, trying it this often.
     */
    public record Cluster(
            @DefaultValue("7500ms") @DurationMin(seconds = 1) @DurationMax(minutes = 5) Duration checkinInterval,
            @DefaultValue("2s") @DurationMin(millis = 100) @DurationMax(minutes = 1) Duration lockPollInterval) {
    }

    /**
     * Limits of the REST API. An export holds a database connection (and on SQLite holds back WAL
     * checkpoints) for as long as its client reads, so exports at once are few and each has a deadline.
     */
    public record Api(@DefaultValue("64KB") @NotNull DataSize maxBody,
            @DefaultValue("Proprietary, no license granted") @NotBlank String license,
            @DefaultValue("2") @Min(1) @Max(32) int maxConcurrentExports,
            @DefaultValue("10m") @DurationMin(seconds = 1) @DurationMax(hours = 24) Duration exportDeadline,
            @DefaultValue("32MB") @NotNull DataSize summaryCache) {

        /** Held in memory; 0 turns the cache off. */
        @AssertTrue(message = "must be between 0 and 1GB")
        public boolean isSummaryCacheBounded() {
            return within(summaryCache, DataSize.ofBytes(0), DataSize.ofGigabytes(1));
        }

        /** Counted in an int where it is enforced. */
        @AssertTrue(message = "must be between 1KB and 16MB")
        public boolean isMaxBodyBounded() {
            return within(maxBody, DataSize.ofKilobytes(1), DataSize.ofMegabytes(16));
        }
    }

    /** How every source calls its upstream. */
    public record Upstream(
            @DefaultValue("5s") @DurationMin(millis = 10) @DurationMax(minutes = 10) Duration connectTimeout,
            @DefaultValue("20s") @DurationMin(millis = 10) @DurationMax(minutes = 10) Duration readTimeout,
            @DefaultValue("30s") @DurationMin(millis = 10) @DurationMax(hours = 1) Duration deadline,
            @DefaultValue("8MB") @NotNull DataSize maxBody,
            @DefaultValue("2") @Min(0) @Max(10) int retries,
            @DefaultValue("1s") @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration backoff,
            @DefaultValue("5") @Min(1) @Max(10_000) int circuitFailures,
            @DefaultValue("10m") @DurationMin(seconds = 1) @DurationMax(days = 7) Duration circuitOpenFor) {

        /** Held in memory while read, per call. */
        @AssertTrue(message = "must be between 1KB and 256MB")
        public boolean isMaxBodyBounded() {
            return within(maxBody, DataSize.ofKilobytes(1), DataSize.ofMegabytes(256));
        }
    }

    private static boolean within(DataSize size, DataSize least, DataSize most) {
        return size == null || size.compareTo(least) >= 0 && size.compareTo(most) <= 0;
    }

    public record X(
            @DefaultValue("https://api.x.com") @NotNull URI baseUrl,
            String bearerToken,
            String apiKey,
            String apiKeySecret,
            @DefaultValue("1") @Min(1) @Max(100) int maxPagesPerCycle,
            @DefaultValue("2000") @Min(0) @Max(1_000_000_000_000L) long dailyReadBudget,
            @DefaultValue("true") boolean fillGaps) {

        @Override
        public String toString() {
            return "X[baseUrl=" + baseUrl + ", bearerToken=" + Secrets.mask(bearerToken) + ", apiKey="
                    + Secrets.mask(apiKey) + ", apiKeySecret=" + Secrets.mask(apiKeySecret) + ", maxPagesPerCycle="
                    + maxPagesPerCycle + ", dailyReadBudget=" + dailyReadBudget + ", fillGaps=" + fillGaps + "]";
        }
    }

    public record Mastodon(
            List<@Valid Instance> instances,
            @DefaultValue("3") @Min(1) @Max(100) int maxPagesPerCycle) {

        public record Instance(@NotNull URI url, String accessToken) {

            @Override
            public String toString() {
                return "Instance[url=" + Secrets.withoutUserInfo(url) + ", accessToken=" + Secrets.mask(accessToken)
                        + "]";
            }
        }
    }

    public record Bluesky(
            @DefaultValue("https://bsky.social") @NotNull URI baseUrl,
            String handle,
            String appPassword,
            @DefaultValue("1") @Min(1) @Max(100) int maxPagesPerCycle,
            @DefaultValue("1h") @DurationMin(millis = 0) @DurationMax(days = 7) Duration profileCacheFor,
            @DefaultValue("true") boolean fillGaps) {

        @Override
        public String toString() {
            return "Bluesky[baseUrl=" + baseUrl + ", handle=" + handle + ", appPassword=" + Secrets.mask(appPassword)
                    + ", maxPagesPerCycle=" + maxPagesPerCycle + ", profileCacheFor=" + profileCacheFor
                    + ", fillGaps=" + fillGaps + "]";
        }
    }

    /** camel-twitter (X API v1.1 search), opt-in. */
    public record Twitter(
            String apiKey,
            String apiKeySecret,
            String accessTokenKey,
            String accessTokenSecret,
            @DefaultValue("https://api.twitter.com/1.1/") @NotNull URI restBaseUrl) {

        @Override
        public String toString() {
            return "Twitter[apiKey=" + Secrets.mask(apiKey) + ", apiKeySecret=" + Secrets.mask(apiKeySecret)
                    + ", accessTokenKey=" + Secrets.mask(accessTokenKey) + ", accessTokenSecret="
                    + Secrets.mask(accessTokenSecret) + ", restBaseUrl=" + restBaseUrl + "]";
        }
    }
}
