package io.tagwatch.source.x;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.geo.CountryResolver;
import io.tagwatch.post.Author;
import io.tagwatch.post.Post;
import io.tagwatch.post.Tags;
import io.tagwatch.source.Json;
import io.tagwatch.source.UpstreamException;

import org.springframework.stereotype.Component;

/**
 * Maps X API v2 recent-search pages into the common post model. The live X source and the offline
 * demo source both use it. Accepts the older {@code tweet.*} and the 2026 {@code post.*} spellings,
 * a missing or empty {@code data}, and partial {@code errors} inside a 200. A post's tags are the one
 * searched for and all its hashtags.
 */
@Component
public class XPageParser {

    private static final String WHAT = "X page object";

    private final ObjectMapper json;
    private final CountryResolver countries;

    public XPageParser(ObjectMapper json, CountryResolver countries) {
        this.json = json;
        this.countries = countries;
    }

    public XPage parse(InputStream body, String source, String queriedTag) {
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
            Post post = post(node, source, queriedTag, users);
            posts.add(post);
            newestPostByAuthor.merge(post.authorId(), post.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<Author> authors = new ArrayList<>();
        newestPostByAuthor.forEach((authorId, seenAt) -> authors.add(author(users.get(authorId), source, seenAt)));

        return new XPage(posts, authors, Json.text(meta, "newest_id"), Json.text(meta, "next_token"),
                meta.path("result_count").asInt(posts.size()), errors(root.path("errors")));
    }

    private Post post(JsonNode node, String source, String queriedTag, Map<String, JsonNode> users) {
        String id = Json.required(node, "id", WHAT);
        String authorId = Json.required(node, "author_id", WHAT);
        JsonNode user = users.get(authorId);
        if (user == null) {
            throw UpstreamException.malformed("post " + id + " has author " + authorId + " missing from includes.users");
        }
        Set<String> tags = new LinkedHashSet<>();
        tags.add(queriedTag);
        for (JsonNode hashtag : node.path("entities").path("hashtags")) {
            tags.add(Tags.normalize(hashtag.path("tag").asText("")));
        }
        String username = Json.required(user, "username", WHAT);
        return new Post(source, id, Json.instant(node, "created_at", WHAT), node.path("text").asText(""),
                Json.text(node, "lang"), "https://x.com/" + username + "/status/" + id, authorId, List.copyOf(tags));
    }

    private Author author(JsonNode user, String source, Instant seenAt) {
        String location = Json.text(user, "location");
        if (location != null && location.isBlank()) {
            location = null;
        }
        String username = Json.required(user, "username", WHAT);
        return new Author(source, Json.required(user, "id", WHAT), username, Json.text(user, "name"),
                "https://x.com/" + username, location,
                countries.resolve(location), user.path("public_metrics").path("followers_count").asLong(0), seenAt);
    }

    private static Map<String, JsonNode> usersById(JsonNode users) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode user : users) {
            byId.put(Json.required(user, "id", WHAT), user);
        }
        return byId;
    }

    private static List<String> errors(JsonNode errors) {
        List<String> lines = new ArrayList<>();
        for (JsonNode error : errors) {
            lines.add(error.path("title").asText("error") + ": "
                    + error.path("detail").asText(error.path("message").asText("")));
        }
        return lines;
    }
}
