package io.tagwatch.post;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule that splits text into the words of the full-text index, for the posts as they are
 * stored and for the words of a search alike. SQLite's FTS5 and PostgreSQL's text search would each
 * split text their own way (diacritics, hyphens, URLs, locale-dependent letter classes), so both are
 * given these words as they are and split nothing themselves.
 *
 * <p>Lower case; compatibility forms unfolded (fullwidth letters, ligatures, superscripts); Latin,
 * Greek and Cyrillic diacritics removed, a few letters without a decomposition folded (ß, æ, ø, ł ...);
 * every decimal digit made ASCII. A word is a run of letters, digits and marks; anything else separates
 * words, so {@code #tag} is the word {@code tag} and {@code example.com} the words {@code example com}.
 * Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) give one word per character, so
 * that a phrase of characters finds them inside longer runs.
 */
public final class SearchWords {

    /** Longer words are not indexed (PostgreSQL refuses lexemes over 2 kB), and no one searches for them. */
    public static final int MAX_WORD_LENGTH = 100;
    /** PostgreSQL counts word positions up to 16,383; past them, phrases would match differently on the two databases. */
    public static final int MAX_WORDS = 16_383;

    private static final Pattern DIACRITICS = Pattern.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]");
    private static final Map<Integer, String> FOLDED = Map.of((int) 'ß', "ss", (int) 'æ', "ae", (int) 'œ', "oe",
            (int) 'ø', "o", (int) 'ł', "l", (int) 'đ', "d", (int) 'ð', "d", (int) 'þ', "th", (int) 'ı', "i", (int) 'ħ', "h");
    private static final Set<UnicodeScript> UNSPACED = Set.of(UnicodeScript.HAN, UnicodeScript.HIRAGANA,
            UnicodeScript.KATAKANA, UnicodeScript.THAI, UnicodeScript.LAO, UnicodeScript.KHMER, UnicodeScript.MYANMAR);

    /** ー, written in kana words but of no script of its own. */
    private static final int PROLONGED_SOUND = 0x30fc;

    private SearchWords() {
    }

    /** The words of a text as the index stores them: separated by single spaces, at most {@value #MAX_WORDS}. */
    public static String of(String text) {
        List<String> words = words(text);
        return String.join(" ", words.size() > MAX_WORDS ? words.subList(0, MAX_WORDS) : words);
    }

    /** Every word of a text, in order, none longer than {@value #MAX_WORD_LENGTH} characters. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : split(text)) {
            if (word.length() <= MAX_WORD_LENGTH) {
                words.add(word);
            }
        }
        return words;
    }

    /** Every word of a text, however long. */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return words;
        }
        String folded = fold(text);
        StringBuilder word = new StringBuilder();
        boolean unspaced = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            boolean mark = isMark(cp);
            if (!mark && !Character.isLetter(cp) && !isNumber(cp)) {
                flush(word, words);
                continue;
            }
            boolean unspacedLetter = !mark && (UNSPACED.contains(UnicodeScript.of(cp)) || cp == PROLONGED_SOUND);
            // a character of an unspaced script is a word, with the marks that follow it; so is the
            // first letter after such a word
            if (unspacedLetter || (unspaced && !mark)) {
                flush(word, words);
            }
            if (!mark) {
                unspaced = unspacedLetter;
            }
            if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                word.append((char) ('0' + Character.digit(cp, 10)));
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, words);
        return words;
    }

    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String recomposed = Normalizer.normalize(DIACRITICS.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC);
        String lower = recomposed.toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length());
        lower.codePoints().forEach(cp -> {
            String replacement = FOLDED.get(cp);
            if (replacement != null) {
                folded.append(replacement);
            } else {
                folded.appendCodePoint(cp);
            }
        });
        return folded.toString();
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
