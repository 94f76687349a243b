package io.tagwatch.source.mastodon;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.geo.CountryResolver;
import io.tagwatch.post.Author;
import io.tagwatch.post.Hashes;
import io.tagwatch.post.Post;
import io.tagwatch.post.Tags;
import io.tagwatch.source.Json;

import org.springframework.stereotype.Component;

/**
 * Maps a Mastodon Status into the common model. A status federates to many instances under different
 * local ids, so its id here comes from its {@code uri} (the same everywhere): "host:last-segment".
 * Authors are "user@host" for the same reason.
 */
@Component
public class MastodonStatusMapper {

    public static final String SOURCE = "mastodon";
    private static final String WHAT = "Mastodon status";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,80}");
    /** Profile field names that mean "location" in common languages, folded to lower case. */
    private static final Set<String> LOCATION_FIELDS = Set.of("location", "loc", "place", "where", "city",
            "based in", "home", "lives in", "location 📍", "📍", "localização", "localizacao", "ubicación",
            "ubicacion", "lugar", "ort", "standort", "wohnort", "lieu", "localisation", "ville", "luogo",
            "posizione", "città", "locatie", "plaats", "woonplaats", "lokalizacja", "miejsce", "konum",
            "местоположение", "место", "город", "場所", "所在地", "居住地", "位置", "地点", "위치", "sijainti",
            "plats", "sted", "placering", "bydliště", "místo");

    private final CountryResolver countries;

    public MastodonStatusMapper(CountryResolver countries) {
        this.countries = countries;
    }

    public Post post(JsonNode status, String queriedTag) {
        String uri = Json.required(status, "uri", WHAT);
        Set<String> tags = new LinkedHashSet<>();
        tags.add(queriedTag);
        for (JsonNode tag : status.path("tags")) {
            tags.add(Tags.normalize(tag.path("name").asText("")));
        }
        String url = status.hasNonNull("url") ? status.get("url").asText() : uri;
        return new Post(SOURCE, postId(uri), Json.instant(status, "created_at", WHAT),
                HtmlText.toText(status.path("content").asText("")), Json.text(status, "language"), url,
                authorId(status.path("account")), List.copyOf(tags));
    }

    public Author author(JsonNode account, Instant seenAt) {
        String location = location(account);
        String id = authorId(account);
        return new Author(SOURCE, id, id, account.path("display_name").asText(null), profileUrl(account), location,
                countries.resolve(location), account.path("followers_count").asLong(0), seenAt);
    }

    static String postId(String uri) {
        try {
            URI parsed = URI.create(uri);
            String path = parsed.getPath() == null ? "" : parsed.getPath();
            String segment = path.substring(path.lastIndexOf('/') + 1);
            if (parsed.getHost() != null && SEGMENT.matcher(segment).matches()) {
                return parsed.getHost() + ":" + segment;
            }
        } catch (IllegalArgumentException e) {
            // not a URI we can shorten; hashed below
        }
        return "uri:" + Hashes.sha256Hex(uri).substring(0, 40);
    }

    /** "user@host", from the account's profile URL, so the same person is one author whatever instance told us. */
    static String authorId(JsonNode account) {
        String username = Json.required(account, "username", WHAT);
        String acct = account.path("acct").asText(username);
        if (acct.contains("@")) {
            return acct.toLowerCase(Locale.ROOT);
        }
        String url = account.path("url").asText("");
        try {
            String host = URI.create(url).getHost();
            if (host != null) {
                return (username + "@" + host).toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException e) {
            // no usable profile URL: the local name is all there is
        }
        return username.toLowerCase(Locale.ROOT);
    }

    /** The account's page as its own server links it (Mastodon, Pleroma and others differ); only http(s). */
    static String profileUrl(JsonNode account) {
        String url = account.path("url").asText("");
        try {
            String scheme = URI.create(url).getScheme();
            return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme) ? url : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String location(JsonNode account) {
        for (JsonNode field : account.path("fields")) {
            String name = HtmlText.toText(field.path("name").asText("")).toLowerCase(Locale.ROOT).strip();
            if (LOCATION_FIELDS.contains(name)) {
                String value = HtmlText.toText(field.path("value").asText(""));
                return value.isBlank() ? null : value;
            }
        }
        return null;
    }
}
