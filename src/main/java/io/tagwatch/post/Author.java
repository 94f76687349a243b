package io.tagwatch.post;

import java.time.Instant;

/**
 * A profile snapshot as a source returned it. {@code seenAt} is the creation time of the newest post
 * it came with, so the store can keep the newest snapshot whatever order pages arrive in.
 */
public record Author(
        String source,
        String id,
        String username,
        String name,
        String location,
        String country,
        long followers,
        Instant seenAt) {

    public Author {
        id = StoredText.id(id);
        username = StoredText.withoutNul(username);
        name = StoredText.withoutNul(name);
        location = StoredText.withoutNul(location);
    }

    /** Of two snapshots of one author, the one seen with the newer post. */
    public static Author newer(Author a, Author b) {
        return b.seenAt().isAfter(a.seenAt()) ? b : a;
    }

    /** The same snapshot, seen at {@code at} instead. */
    public Author seenAt(Instant at) {
        return new Author(source, id, username, name, location, country, followers, at);
    }
}
