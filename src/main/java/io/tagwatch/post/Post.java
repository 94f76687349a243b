package io.tagwatch.post;

import java.time.Instant;
import java.util.List;

/** A post from any source, in the one model every source maps into. */
public record Post(
        String source,
        String id,
        Instant createdAt,
        String text,
        String lang,
        String url,
        String authorId,
        List<String> tags) {

    public Post {
        id = StoredText.id(id);
        authorId = StoredText.id(authorId);
        text = StoredText.withoutNul(text);
        lang = StoredText.lang(lang);
        url = StoredText.withoutNul(url);
    }

    /** The same post, with these tags instead. */
    public Post taggedWith(List<String> kept) {
        return new Post(source, id, createdAt, text, lang, url, authorId, kept);
    }

    /** The same post, dated {@code at} instead. */
    public Post datedAt(Instant at) {
        return new Post(source, id, at, text, lang, url, authorId, tags);
    }
}
