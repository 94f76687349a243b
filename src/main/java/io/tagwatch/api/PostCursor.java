package io.tagwatch.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.tagwatch.store.PostReads;

/**
 * A position in the post list as the API hands it out: opaque text, so that clients pass it back as
 * it is rather than build their own.
 */
final class PostCursor {

    private PostCursor() {
    }

    static String encode(PostReads.Position position) {
        String raw = position.createdAt() + ":" + position.source() + ":" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static PostReads.Position decode(String encoded) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
                return new PostReads.Position(Long.parseLong(parts[0]), parts[1], parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // answered below: a cursor is only ever one this API handed out
        }
        throw ApiProblemException.badParameter("cursor", "cursor is not one this API handed out");
    }
}
