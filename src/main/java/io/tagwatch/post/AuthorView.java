package io.tagwatch.post;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An author as the API shows them: the newest snapshot stored, country ZZ when the location did not
 * resolve, and the profile's page (null when the source gave none).
 */
public record AuthorView(String source, String id, String username, String name, long followers, String location,
        String country, @JsonProperty("profile_url") String profileUrl) {

    /** How a country the resolver could not name is written. */
    public static final String UNKNOWN_COUNTRY = "ZZ";

    public static String country(String resolved) {
        return resolved == null ? UNKNOWN_COUNTRY : resolved;
    }
}
