package io.tagwatch.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.tagwatch.post.SearchQuery;
import io.tagwatch.post.Tags;

/**
 * The query string of one API request, parsed from the raw text rather than from message headers
 * (where an HTTP header of the same name would pass for a parameter). Every accessor validates and
 * throws a 400 problem naming the parameter.
 */
public final class QueryParams {

    static final int MAX_LENGTH = 200;
    private static final Pattern LANG = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{1,8}){0,3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern SOURCE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final Map<String, String> values = new HashMap<>();

    private QueryParams(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query string");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            if (!seen.add(name)) {
                throw ApiProblemException.badParameter(name, name + " is given more than once");
            }
            values.put(name, value);
        }
    }

    public static QueryParams parse(String rawQuery) {
        return new QueryParams(rawQuery);
    }

    /** The value, or null when absent or empty; never longer than {@value #MAX_LENGTH} characters. */
    public String text(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_LENGTH) {
            throw ApiProblemException.badParameter(name, name + " is longer than " + MAX_LENGTH + " characters");
        }
        return value;
    }

    public int integer(String name, int min, int max, int defaultValue) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ApiProblemException.badParameter(name, name + " must be an integer from " + min + " to " + max);
    }

    public String oneOf(String name, Set<String> allowed, String defaultValue) {
        String value = text(name);
        if (value == null) {
            return defaultValue;
        }
        if (!allowed.contains(value)) {
            throw ApiProblemException.badParameter(name, name + " must be one of " + new java.util.TreeSet<>(allowed));
        }
        return value;
    }

    /** A time zone; whether its offsets suit a range is the summary's to check ({@link Buckets}). */
    public ZoneId zone(String name) {
        String value = text(name);
        if (value == null) {
            return ZoneId.of("UTC");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(value);
        } catch (DateTimeException e) {
            throw ApiProblemException.badParameter(name, name + " must be an IANA time zone such as Europe/Berlin");
        }
        if (zone.getRules().isFixedOffset()) { // +05:07 or UTC+05:07: wrong whatever the range
            Buckets.checkQuarterHours(zone, Instant.EPOCH, Instant.EPOCH, name);
        }
        return zone;
    }

    /**
     * An ISO-8601 instant: {@code 2026-11-20T00:00:00Z} or with an offset, {@code ...%2B05:30} ("+" encoded),
     * in the years 0000 to 9999.
     */
    public Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            // java.time reaches the year 999999999, beyond what epoch milliseconds in a long can hold
            if (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // answered below, like an instant out of range
        }
        throw ApiProblemException.badParameter(name,
                name + " must be an ISO-8601 instant from year 0000 to 9999, such as 2026-11-20T00:00:00Z");
    }

    /** A tag, normalized; the caller decides whether it must be tracked. */
    public String tag(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        String tag = Tags.normalize(value);
        if (!Tags.isValid(tag)) {
            throw ApiProblemException.badParameter(name, name + " must be a hashtag made of letters, digits and _");
        }
        return tag;
    }

    public String lang(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        String lang = value.toLowerCase(Locale.ROOT);
        if (!LANG.matcher(lang).matches()) {
            throw ApiProblemException.badParameter(name, name + " must be a language code such as en, pt-br or und");
        }
        return lang;
    }

    /** An ISO 3166-1 alpha-2 code; ZZ stands for "unknown". */
    public String country(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        String country = value.toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(country).matches()) {
            throw ApiProblemException.badParameter(name, name + " must be a two-letter country code, or ZZ for unknown");
        }
        return country;
    }

    /** A full-text search (see {@link SearchQuery} for what its text means), or null when absent. */
    public SearchQuery search(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SearchQuery.parse(value);
        } catch (SearchQuery.Invalid e) {
            throw ApiProblemException.badParameter(name, name + " " + e.getMessage());
        }
    }

    public String source(String name) {
        String value = text(name);
        if (value != null && !SOURCE.matcher(value).matches()) {
            throw ApiProblemException.badParameter(name, name + " must be a source name such as x or mastodon");
        }
        return value;
    }

    private static String decode(String raw, String name) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badParameter(name, name + " is not valid percent-encoding");
        }
    }
}
