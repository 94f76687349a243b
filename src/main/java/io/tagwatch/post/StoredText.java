package io.tagwatch.post;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Upstream text made storable in both databases. PostgreSQL refuses U+0000 in text and enforces column
 * lengths where SQLite does not; one such value would otherwise fail a whole batch on every cycle.
 */
final class StoredText {

    static final int MAX_ID = 128;
    private static final Pattern LANG = Pattern.compile("[a-z]{2,8}(-[a-z0-9]{1,8}){0,3}");

    private StoredText() {
    }

    static String withoutNul(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "");
    }

    /** Ids longer than the column are replaced by a digest of themselves: still unique, still stable. */
    static String id(String id) {
        String clean = withoutNul(id);
        if (clean == null || clean.length() <= MAX_ID) {
            return clean;
        }
        return "sha256:" + Hashes.sha256Hex(clean);
    }

    /** A BCP-47-like language code, lower case; anything else is "und". */
    static String lang(String lang) {
        String clean = lang == null ? "" : lang.strip().toLowerCase(Locale.ROOT);
        return LANG.matcher(clean).matches() && clean.length() <= 35 ? clean : "und";
    }
}
