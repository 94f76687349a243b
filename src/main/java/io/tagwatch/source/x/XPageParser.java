package io.tagwatch.source.x;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.geo.CountryResolver;
import io.tagwatch.post.Author;
import io.tagwatch.post.Post;
import io.tagwatch.post.Tags;
import io.tagwatch.source.UpstreamException;

import org.springframework.stereotype.Component;

/**
 * Maps X API v2 recent-search pages into the common post model. The live X source and the offline
 * demo source both use it. Accepts the older {@code tweet.*} and the 2026 {@code post.*} spellings,
 * a missing or empty {@code data}, and partial {@code errors} inside a 200.
 */
@Component
public class XPageParser {

    private final ObjectMapper json;
    private final CountryResolver countries;

    public XPageParser(ObjectMapper json, CountryResolver countries) {
        this.json = json;
        this.countries = countries;
    }

    public XPage parse(InputStream body, String source, String queriedTag, Set<String> trackedTags) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw UpstreamException.malformed("X page is not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw UpstreamException.malformed("X page is not a JSON object");
        }
        JsonNode meta = root.path("meta");
        Map<String, JsonNode> users = usersById(root.path("includes").path("users"));

        List<Post> posts = new ArrayList<>();
        Map<String, Instant> newestPostByAuthor = new HashMap<>();
        for (JsonNode node : root.path("data")) {
            Post post = post(node, source, queriedTag, trackedTags, users);
            posts.add(post);
            newestPostByAuthor.merge(post.authorId(), post.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<Author> authors = new ArrayList<>();
        newestPostByAuthor.forEach((authorId, seenAt) -> authors.add(author(users.get(authorId), source, seenAt)));

        return new XPage(posts, authors, text(meta, "newest_id"), text(meta, "next_token"),
                meta.path("result_count").asInt(posts.size()), errors(root.path("errors")));
    }

    private Post post(JsonNode node, String source, String queriedTag, Set<String> trackedTags,
            Map<String, JsonNode> users) {
        String id = required(node, "id");
        String authorId = required(node, "author_id");
        JsonNode user = users.get(authorId);
        if (user == null) {
            throw UpstreamException.malformed("post " + id + " has author " + authorId + " missing from includes.users");
        }
        Set<String> tags = new LinkedHashSet<>();
        tags.add(queriedTag);
        for (JsonNode hashtag : node.path("entities").path("hashtags")) {
            String tag = Tags.normalize(hashtag.path("tag").asText(""));
            if (trackedTags.contains(tag)) {
                tags.add(tag);
            }
        }
        String lang = text(node, "lang");
        String username = required(user, "username");
        return new Post(source, id, instant(node, id), node.path("text").asText(""),
                lang == null || lang.isBlank() ? "und" : lang.toLowerCase(Locale.ROOT),
                "https://x.com/" + username + "/status/" + id, authorId, List.copyOf(tags));
    }

    private Author author(JsonNode user, String source, Instant seenAt) {
        String location = text(user, "location");
        if (location != null && location.isBlank()) {
            location = null;
        }
        return new Author(source, required(user, "id"), required(user, "username"), text(user, "name"), location,
                countries.resolve(location), user.path("public_metrics").path("followers_count").asLong(0), seenAt);
    }

    private static Map<String, JsonNode> usersById(JsonNode users) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode user : users) {
            byId.put(required(user, "id"), user);
        }
        return byId;
    }

    private static Instant instant(JsonNode post, String id) {
        String createdAt = required(post, "created_at");
        try {
            return Instant.parse(createdAt);
        } catch (DateTimeParseException e) {
            throw UpstreamException.malformed("post " + id + " has an unparsable created_at: " + createdAt);
        }
    }

    private static List<String> errors(JsonNode errors) {
        List<String> lines = new ArrayList<>();
        for (JsonNode error : errors) {
            lines.add(error.path("title").asText("error") + ": "
                    + error.path("detail").asText(error.path("message").asText("")));
        }
        return lines;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isEmpty()) {
            throw UpstreamException.malformed("X page object lacks '" + field + "'");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
