package io.tagwatch.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.tagwatch.post.Author;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;

import org.springframework.stereotype.Component;

/**
 * A batch as the rows of store-batch.yaml's SQL, keyed by the files' parameter names. Rows come sorted
 * by key, so concurrent batches lock shared rows in the same order and cannot deadlock.
 */
@Component("batchRows")
public class BatchRows {

    public List<Map<String, Object>> authors(CollectedBatch batch) {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>(batch.authors().size());
        for (Author a : batch.authors().stream().sorted(Comparator.comparing(Author::id)).toList()) {
            Map<String, Object> row = new HashMap<>();
            row.put("source", a.source());
            row.put("id", a.id());
            row.put("username", a.username());
            row.put("name", a.name());
            row.put("location", a.location());
            row.put("country", a.country());
            row.put("followers", a.followers());
            row.put("seenAt", a.seenAt().toEpochMilli());
            row.put("updatedAt", now);
            rows.add(row);
        }
        return rows;
    }

    /** The ids of the batch's authors, whose stored snapshot the store reads once per batch. */
    public List<String> authorIds(CollectedBatch batch) {
        return batch.authors().stream().map(Author::id).toList();
    }

    /**
     * The rows of the authors whose newer snapshot moves them to another country, given the stored
     * snapshots (id, country, seen_at); the move statements keep their own conditions, so this only
     * spares them the authors they would skip.
     */
    public List<Map<String, Object>> countryMoves(CollectedBatch batch, List<Map<String, Object>> stored) {
        Map<String, Map<String, Object>> byId = new HashMap<>();
        for (Map<String, Object> row : stored) {
            byId.put(String.valueOf(column(row, "id")), row);
        }
        List<Map<String, Object>> moves = new ArrayList<>();
        for (Map<String, Object> row : authors(batch)) {
            Map<String, Object> was = byId.get((String) row.get("id"));
            if (was != null && ((Number) column(was, "seen_at")).longValue() < (long) row.get("seenAt")
                    && !Objects.equals(countryOrUnknown(column(was, "country")), countryOrUnknown(row.get("country")))) {
                moves.add(row);
            }
        }
        return moves;
    }

    // PostgreSQL names columns in lower case and SQLite as written; both are written in lower case here
    private static Object column(Map<String, Object> row, String name) {
        return row.containsKey(name) ? row.get(name) : row.get(name.toUpperCase(java.util.Locale.ROOT));
    }

    private static String countryOrUnknown(Object country) {
        return country == null ? "ZZ" : country.toString();
    }

    public List<Map<String, Object>> posts(CollectedBatch batch) {
        List<Map<String, Object>> rows = new ArrayList<>(batch.posts().size());
        for (Post p : batch.posts().stream().sorted(Comparator.comparing(Post::id)).toList()) {
            Map<String, Object> row = new HashMap<>();
            row.put("source", p.source());
            row.put("id", p.id());
            row.put("createdAt", p.createdAt().toEpochMilli());
            row.put("text", p.text());
            row.put("lang", p.lang());
            row.put("url", p.url());
            row.put("authorId", p.authorId());
            rows.add(row);
        }
        return rows;
    }

    public List<Map<String, Object>> tags(CollectedBatch batch) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Post p : batch.posts()) {
            for (String t : p.tags()) {
                rows.add(Map.of("tag", t, "source", p.source(), "postId", p.id(),
                        "createdAt", p.createdAt().toEpochMilli()));
            }
        }
        rows.sort(Comparator.comparing((Map<String, Object> row) -> (String) row.get("tag"))
                .thenComparing(row -> (String) row.get("postId")));
        return rows;
    }

    /** The ids of the posts, which the store route counts once it knows which of them were new. */
    public List<String> postIds(CollectedBatch batch) {
        return batch.posts().stream().map(Post::id).toList();
    }

    public List<Map<String, Object>> checkpoints(CollectedBatch batch) {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>();
        batch.checkpoints().toMap().forEach((upstream, position) -> {
            Map<String, Object> row = new HashMap<>();
            row.put("source", batch.source());
            row.put("tag", batch.tag());
            row.put("upstream", upstream);
            row.put("position", position);
            row.put("updatedAt", now);
            rows.add(row);
        });
        return rows;
    }

    /** The upstreams the batch has a position for; stored positions of any other are dropped. */
    public List<String> upstreams(CollectedBatch batch) {
        return List.copyOf(batch.checkpoints().toMap().keySet());
    }
}
