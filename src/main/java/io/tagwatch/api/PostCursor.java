package io.tagwatch.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in the post list, which is ordered newest first by (created_at, source, id). Keyset
 * paging from it stays stable while new posts arrive: they sort before every cursor already handed out.
 */
record PostCursor(long createdAt, String source, String id) {

    String encode() {
        String raw = createdAt + ":" + source + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static PostCursor decode(String encoded) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 3);
            if (parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()) {
                return new PostCursor(Long.parseLong(parts[0]), parts[1], parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // answered below: a cursor is only ever one this API handed out
        }
        throw ApiProblemException.badParameter("cursor", "cursor is not one this API handed out");
    }
}
