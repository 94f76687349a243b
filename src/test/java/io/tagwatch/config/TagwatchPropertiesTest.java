package io.tagwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The settings as a log line or an error message would print them: every secret masked. */
class TagwatchPropertiesTest {

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
