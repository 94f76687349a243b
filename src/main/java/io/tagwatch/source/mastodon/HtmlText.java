package io.tagwatch.source.mastodon;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon's sanitized HTML as plain text. The server allows only p, br, span and a, so a full HTML
 * parser is not needed: paragraphs and line breaks become newlines, tags go, entities are decoded.
 */
final class HtmlText {

    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern PARAGRAPH_END = Pattern.compile("(?i)</p>\\s*");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"",
            "apos", "'", "nbsp", " ");

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null) {
            return "";
        }
        String text = BREAK.matcher(html).replaceAll("\n");
        text = PARAGRAPH_END.matcher(text).replaceAll("\n\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(out, Matcher.quoteReplacement(decode(entity.group(1), entity.group())));
        }
        entity.appendTail(out);
        return out.toString().strip();
    }

    private static String decode(String entity, String original) {
        try {
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
            }
            if (entity.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return original;
        }
        return NAMED.getOrDefault(entity.toLowerCase(java.util.Locale.ROOT), original);
    }
}
