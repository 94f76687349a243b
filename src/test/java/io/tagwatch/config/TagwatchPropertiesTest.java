package io.tagwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The settings as a log line or an error message would print them: every secret masked; and the
 * bounds, which stop a start with the key's name.
 */
class TagwatchPropertiesTest {

    @EnableConfigurationProperties(TagwatchProperties.class)
    static class Bound {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Bound.class);

    @Test
    void theDefaultsAreWithinTheBounds() {
        context.run(started -> assertThat(started).hasNotFailed().hasSingleBean(TagwatchProperties.class));
    }

    @ParameterizedTest
    @CsvSource({"tagwatch.upstream.circuit-failures=0, upstream.circuitFailures",
            "tagwatch.upstream.retries=-1, upstream.retries", "tagwatch.upstream.retries=11, upstream.retries",
            "tagwatch.api.max-body=3GB, api.maxBodyBounded", "tagwatch.upstream.max-body=0B, upstream.maxBodyBounded",
            "tagwatch.collect.period=0s, collect.period", "tagwatch.collect.period=2d, collect.period",
            "tagwatch.collect.first-run-delay=-1, collect.firstRunDelay",
            "tagwatch.upstream.deadline=0s, upstream.deadline", "tagwatch.x.max-pages-per-cycle=0, x.maxPagesPerCycle",
            "tagwatch.x.daily-read-budget=-5, x.dailyReadBudget",
            "tagwatch.mastodon.max-pages-per-cycle=101, mastodon.maxPagesPerCycle",
            "tagwatch.bluesky.profile-cache-for=-1s, bluesky.profileCacheFor",
            "tagwatch.routes-poll-interval=1ms, routesPollInterval", "tagwatch.api.license=, api.license"})
    void aValueOutOfItsBoundsStopsTheStartNamingTheKey(String setting, String field) {
        context.withPropertyValues(setting).run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining(field));
    }

    @Test
    void theBoundsAcceptTheirEdges() {
        context.withPropertyValues("tagwatch.upstream.circuit-failures=1", "tagwatch.upstream.retries=0",
                "tagwatch.api.max-body=16MB", "tagwatch.collect.period=10ms", "tagwatch.upstream.backoff=0s",
                "tagwatch.x.daily-read-budget=0").run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void toStringSaysWhetherASecretIsSetAndNeverWhatItIs() {
        Map<String, String> secrets = Map.of("tagwatch.admin-token", "S1-admin-token-value",
                "tagwatch.x.bearer-token", "S2-bearer", "tagwatch.x.api-key", "S3-key", "tagwatch.x.api-key-secret",
                "S4-key-secret", "tagwatch.bluesky.app-password", "S5-app-password", "tagwatch.twitter.api-key",
                "S6-twitter-key", "tagwatch.twitter.api-key-secret", "S7-twitter-secret",
                "tagwatch.twitter.access-token-key", "S8-token", "tagwatch.twitter.access-token-secret", "S9-token-secret",
                "tagwatch.mastodon.instances[0].access-token", "S10-mastodon");
        Map<String, String> all = new HashMap<>(secrets);
        all.put("tagwatch.mastodon.instances[0].url", "https://user:S11-url-password@mastodon.example");
        all.put("tagwatch.bluesky.handle", "tagwatch.bsky.social");
        TagwatchProperties properties = new Binder(new MapConfigurationPropertySource(all))
                .bindOrCreate("tagwatch", Bindable.of(TagwatchProperties.class));
        String printed = properties.toString();
        for (String secret : secrets.values()) {
            assertThat(printed).doesNotContain(secret);
        }
        assertThat(printed).doesNotContain("S11-url-password").contains("mastodon.example")
                .contains("tagwatch.bsky.social").contains("adminToken=(set)").contains("bearerToken=(set)");
        assertThat(properties.x().toString()).doesNotContain("S2-bearer");
    }
}
