package io.tagwatch.post;

import java.time.Instant;

/**
 * A profile snapshot as a source returned it. {@code seenAt} is the creation time of the newest post
 * it came with, so the store can keep the newest snapshot whatever order pages arrive in.
 * {@code profileUrl} is the profile's page as its source links it (Mastodon's differs per server
 * software), or null.
 */
public record Author(
        String source,
        String id,
        String username,
        String name,
        String profileUrl,
        String location,
        String country,
        long followers,
        Instant seenAt) {

    public Author {
        id = StoredText.id(id);
        username = StoredText.withoutNul(username);
        name = StoredText.withoutNul(name);
        profileUrl = StoredText.withoutNul(profileUrl);
        location = StoredText.withoutNul(location);
    }

    /** Of two snapshots of one author, the one seen with the newer post. */
    public static Author newer(Author a, Author b) {
        return b.seenAt().isAfter(a.seenAt()) ? b : a;
    }

    /** The same snapshot, seen at {@code at} instead. */
    public Author seenAt(Instant at) {
        return new Author(source, id, username, name, profileUrl, location, country, followers, at);
    }
}
