package io.tagwatch.post;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one collection cycle of one source read for one tag, ready for the store route: the rows
 * are the named parameters of the SQL files under sql/store/, written in one transaction. Rows come
 * sorted by key, so concurrent batches lock shared rows in the same order and cannot deadlock.
 *
 * @param checkpoints the source's positions after this cycle; required when there are posts (they are
 *                    stored with them, replacing every stored position of the source and tag), ignored
 *                    when there are none
 */
public record CollectedBatch(
        String source,
        String tag,
        List<Post> posts,
        List<Author> authors,
        Checkpoints checkpoints,
        int pages,
        int postsRead) {

    public boolean hasPosts() {
        return !posts.isEmpty();
    }

    public List<Map<String, Object>> authorRows() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>(authors.size());
        for (Author a : authors.stream().sorted(Comparator.comparing(Author::id)).toList()) {
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

    public List<Map<String, Object>> postRows() {
        List<Map<String, Object>> rows = new ArrayList<>(posts.size());
        for (Post p : sortedPosts()) {
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

    public List<Map<String, Object>> tagRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Post p : posts) {
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
    public List<String> postIds() {
        return posts.stream().map(Post::id).toList();
    }

    private List<Post> sortedPosts() {
        return posts.stream().sorted(Comparator.comparing(Post::id)).toList();
    }

    public List<Map<String, Object>> checkpointRows() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> rows = new ArrayList<>();
        checkpoints.toMap().forEach((upstream, position) -> {
            Map<String, Object> row = new HashMap<>();
            row.put("source", source);
            row.put("tag", tag);
            row.put("upstream", upstream);
            row.put("position", position);
            row.put("updatedAt", now);
            rows.add(row);
        });
        return rows;
    }

    /** The upstreams this batch has a position for; stored positions of any other are dropped. */
    public List<String> upstreams() {
        return List.copyOf(checkpoints.toMap().keySet());
    }
}
