package io.tagwatch.post;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A stored post as the API shows it: its tracked tags, in order, and its author's newest snapshot. */
public record PostView(String source, String id, @JsonProperty("created_at") Instant createdAt, String text,
        String lang, String url, List<String> tags, AuthorView author) {

    public PostView withTags(List<String> stored) {
        return new PostView(source, id, createdAt, text, lang, url, stored, author);
    }
}
