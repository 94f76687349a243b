package io.tagwatch.source.bluesky;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;

import org.springframework.stereotype.Component;

/**
 * Follower counts of Bluesky authors: search results carry none, so they come from
 * app.bsky.actor.getProfiles in batches of 25, cached per author for tagwatch.bluesky.profile-cache-for.
 * An author the server omits (deleted, taken down) has 0; one left out because the source paused has
 * none, and the caller reads that author's posts again later.
 */
@Component
class BlueskyFollowers {

    private static final int PROFILES_PER_REQUEST = 25;

    private record Followers(long count, Instant until) {
    }

    private final TagwatchProperties.Bluesky settings;
    private final BlueskyClient client;
    private final Clock clock;
    private final Map<String, Followers> byDid = new ConcurrentHashMap<>();

    BlueskyFollowers(TagwatchProperties properties, BlueskyClient client, Clock clock) {
        this.settings = properties.bluesky();
        this.client = client;
        this.clock = clock;
    }

    /** The counts known or learnt for these authors (DIDs); a paused source leaves the rest out. */
    Map<String, Long> of(Collection<String> dids) {
        Instant now = clock.instant();
        byDid.values().removeIf(cached -> !cached.until().isAfter(now));
        Map<String, Long> counts = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String did : dids) {
            Followers cached = byDid.get(did);
            if (cached != null) {
                counts.put(did, cached.count());
            } else {
                missing.add(did);
            }
        }
        for (int from = 0; from < missing.size(); from += PROFILES_PER_REQUEST) {
            List<String> batch = missing.subList(from, Math.min(from + PROFILES_PER_REQUEST, missing.size()));
            JsonNode profiles;
            try {
                profiles = client.query("/xrpc/app.bsky.actor.getProfiles?actors="
                        + String.join("&actors=", batch.stream().map(BlueskyFollowers::encode).toList()));
            } catch (SourcePausedException e) {
                if (e.state() != SourceState.RATE_LIMITED) {
                    throw e;
                }
                break;
            }
            Map<String, Long> returned = new HashMap<>();
            for (JsonNode profile : profiles.path("profiles")) {
                returned.put(profile.path("did").asText(), profile.path("followersCount").asLong(0));
            }
            Instant until = clock.instant().plus(settings.profileCacheFor());
            for (String did : batch) {
                long count = returned.getOrDefault(did, 0L);
                counts.put(did, count);
                byDid.put(did, new Followers(count, until));
            }
        }
        return counts;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
