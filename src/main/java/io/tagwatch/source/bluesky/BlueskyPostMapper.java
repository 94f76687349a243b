package io.tagwatch.source.bluesky;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.post.Author;
import io.tagwatch.post.Post;
import io.tagwatch.post.Tags;
import io.tagwatch.source.Json;

import org.springframework.stereotype.Component;

/**
 * Maps a Bluesky PostView (app.bsky.feed.defs#postView) into the common model. A post's id is
 * "did:rkey" from its at:// uri, unique across the network; an author is their DID, which, unlike
 * the handle, never changes. Hashtags come from tag facets and from the record's extra tags.
 */
@Component
class BlueskyPostMapper {

    private static final Pattern POST_URI = Pattern.compile("at://([^/]+)/app\\.bsky\\.feed\\.post/([^/?#]+)");
    private static final Pattern POST_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final String TAG_FACET = "app.bsky.richtext.facet#tag";
    private static final String WHAT = "Bluesky post";

    /** The post's at:// uri split up, or null when it is not a post uri that gives a storable id. */
    record AtUri(String did, String rkey) {

        static AtUri of(JsonNode view) {
            Matcher uri = POST_URI.matcher(Json.required(view, "uri", WHAT));
            if (!uri.matches() || !POST_ID.matcher(uri.group(1) + ":" + uri.group(2)).matches()) {
                return null;
            }
            return new AtUri(uri.group(1), uri.group(2));
        }

        String postId() {
            return did + ":" + rkey;
        }
    }

    /** When the AppView indexed the post: server time, so the checkpoint is not fooled by client clocks. */
    Instant indexedAt(JsonNode view) {
        return Json.instant(view, "indexedAt", WHAT);
    }

    Post post(JsonNode view, AtUri uri, String queriedTag) {
        JsonNode record = view.path("record");
        Set<String> tags = new LinkedHashSet<>();
        tags.add(queriedTag);
        for (JsonNode facet : record.path("facets")) {
            for (JsonNode feature : facet.path("features")) {
                if (TAG_FACET.equals(feature.path("$type").asText())) {
                    tags.add(Tags.normalize(feature.path("tag").asText("")));
                }
            }
        }
        for (JsonNode tag : record.path("tags")) {
            tags.add(Tags.normalize(tag.asText("")));
        }
        String handle = view.path("author").path("handle").asText(uri.did());
        return new Post(BlueskySource.SOURCE, uri.postId(), createdAt(view), record.path("text").asText(""),
                record.path("langs").path(0).asText(null),
                "https://bsky.app/profile/" + handle + "/post/" + uri.rkey(), uri.did(), List.copyOf(tags));
    }

    /** Bluesky profiles have no location field, so there is no country either. */
    Author author(JsonNode view, AtUri uri, long followers, Instant seenAt) {
        JsonNode profile = view.path("author");
        String name = profile.path("displayName").asText("");
        String handle = profile.path("handle").asText(uri.did());
        return new Author(BlueskySource.SOURCE, uri.did(), handle, name.isBlank() ? null : name,
                "https://bsky.app/profile/" + handle, null, null, followers, seenAt);
    }

    /** createdAt is set by the client and can be anything; the server's indexedAt stands in when it is unusable. */
    private Instant createdAt(JsonNode view) {
        try {
            return Instant.parse(view.path("record").path("createdAt").asText(""));
        } catch (DateTimeParseException e) {
            return indexedAt(view);
        }
    }
}
