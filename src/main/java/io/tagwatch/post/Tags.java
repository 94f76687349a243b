package io.tagwatch.post;

import java.util.Locale;
import java.util.regex.Pattern;

/** Tags are case-insensitive: they are stored lowercase and without '#'. */
public final class Tags {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}_]{1,100}");

    private Tags() {
    }

    public static String normalize(String raw) {
        String tag = raw.strip();
        if (tag.startsWith("#")) {
            tag = tag.substring(1);
        }
        return tag.toLowerCase(Locale.ROOT);
    }

    public static boolean isValid(String normalized) {
        return VALID.matcher(normalized).matches();
    }
}
