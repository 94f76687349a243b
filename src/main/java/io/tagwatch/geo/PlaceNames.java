package io.tagwatch.geo;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** How place names are compared: case, accents, punctuation and Unicode presentation forms folded. */
final class PlaceNames {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DROPPED = Pattern.compile("[.'’`´]");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private PlaceNames() {
    }

    /** "São Paulo" and "SAO-PAULO" → "sao paulo"; "U.S.A." → "usa"; "𝓛𝓸𝓷𝓭𝓸𝓷" → "london". */
    static String fold(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        s = DROPPED.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
        return SEPARATORS.matcher(s).replaceAll(" ").strip();
    }

    /** Scripts written without spaces between words, where names are found as substrings. */
    static boolean isUnspaced(String folded) {
        return folded.codePoints().anyMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI
                    || script == Character.UnicodeScript.HANGUL;
        });
    }
}
