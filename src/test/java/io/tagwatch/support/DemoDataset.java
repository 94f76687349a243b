package io.tagwatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The bundled demo pages read straight from their JSON, without the service's parser: the oracle the
 * API's answers are compared with.
 */
public final class DemoDataset {

    public static final Set<String> SEED_TAGS = Set.of("openbanking", "remediation", "devops", "sre",
            "microservices", "observability", "oauth", "metrics", "logmonitoring", "opentracing");

    public record Post(String id, Instant createdAt, String lang, String authorId, Set<String> tags, String text) {
    }

    public record Author(String id, String username, String name, String location, long followers,
            Instant seenAt) {
    }

    public final Map<String, Post> posts = new HashMap<>();
    public final Map<String, Author> authors = new HashMap<>();

    public static DemoDataset load() {
        DemoDataset dataset = new DemoDataset();
        try {
            Resource[] pages = new PathMatchingResourcePatternResolver().getResources("classpath:demo/x/*/*.json");
            ObjectMapper json = new ObjectMapper();
            for (Resource page : pages) {
                String url = page.getURL().toString();
                String pageTag = url.substring(0, url.lastIndexOf('/'));
                pageTag = pageTag.substring(pageTag.lastIndexOf('/') + 1);
                try (InputStream in = page.getInputStream()) {
                    dataset.add(pageTag, json.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dataset;
    }

    private void add(String pageTag, JsonNode page) {
        Map<String, Instant> newestByAuthor = new HashMap<>();
        for (JsonNode node : page.path("data")) {
            Instant createdAt = Instant.parse(node.get("created_at").asText());
            String authorId = node.get("author_id").asText();
            Set<String> tags = new TreeSet<>();
            tags.add(pageTag);
            for (JsonNode h : node.path("entities").path("hashtags")) {
                String tag = h.get("tag").asText().toLowerCase(Locale.ROOT);
                if (SEED_TAGS.contains(tag)) {
                    tags.add(tag);
                }
            }
            String lang = node.path("lang").asText("");
            Post previous = posts.get(node.get("id").asText());
            if (previous != null) {
                tags.addAll(previous.tags());
            }
            posts.put(node.get("id").asText(), new Post(node.get("id").asText(), createdAt,
                    lang.isEmpty() ? "und" : lang, authorId, tags, node.path("text").asText("")));
            newestByAuthor.merge(authorId, createdAt, (a, b) -> a.isAfter(b) ? a : b);
        }
        for (JsonNode user : page.path("includes").path("users")) {
            Instant seenAt = newestByAuthor.get(user.get("id").asText());
            if (seenAt == null) {
                continue;
            }
            String location = user.hasNonNull("location") && !user.get("location").asText().isBlank()
                    ? user.get("location").asText() : null;
            Author author = new Author(user.get("id").asText(), user.get("username").asText(),
                    user.path("name").asText(null), location,
                    user.path("public_metrics").path("followers_count").asLong(), seenAt);
            authors.merge(author.id(), author, (a, b) -> b.seenAt().isAfter(a.seenAt()) ? b : a);
        }
    }

    public List<Post> postsList() {
        return new ArrayList<>(posts.values());
    }
}
