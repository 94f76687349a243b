package io.tagwatch.source;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;

/**
 * The rate-limit headers as X (x-rate-limit-*), Mastodon (X-RateLimit-*) and Bluesky (RateLimit-*)
 * spell them. The reset is epoch seconds, or on Mastodon an ISO instant.
 */
public final class RateLimits {

    private static final List<String> PREFIXES = List.of("x-rate-limit-", "x-ratelimit-", "ratelimit-");

    private RateLimits() {
    }

    /** Requests left in the window, when the answer says. */
    public static OptionalLong remaining(HttpResponse<?> response) {
        for (String prefix : PREFIXES) {
            var value = response.headers().firstValue(prefix + "remaining");
            if (value.isPresent()) {
                try {
                    return OptionalLong.of(Long.parseLong(value.get().strip()));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty(); // a header we cannot read tells us nothing
                }
            }
        }
        return OptionalLong.empty();
    }

    /** When the window resets, or {@code fallback} when the answer does not say (readably). */
    public static Instant reset(HttpResponse<?> response, Instant fallback) {
        for (String prefix : PREFIXES) {
            var value = response.headers().firstValue(prefix + "reset").map(String::strip);
            if (value.isPresent()) {
                try {
                    return Instant.ofEpochSecond(Long.parseLong(value.get()));
                } catch (NumberFormatException notEpoch) {
                    try {
                        return Instant.parse(value.get());
                    } catch (DateTimeParseException notIso) {
                        return fallback;
                    }
                }
            }
        }
        return fallback;
    }
}
