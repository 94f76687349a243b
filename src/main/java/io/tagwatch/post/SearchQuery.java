package io.tagwatch.post;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A full-text search as a user writes it, reduced to what both databases can answer alike: phrases of
 * index words ({@link SearchWords}), all of which a post must contain. Words separated by spaces are
 * each required; text in double quotes is one phrase; one written word that the rule splits
 * ({@code don't}, {@code example.com}, {@code well-known}) is a phrase of its parts. Nothing else means
 * anything: {@code AND}, {@code OR}, {@code NOT} and {@code NEAR} are words like others, {@code *} and
 * brackets separate words, and a quote left open is ignored. So no text reaches an engine's query
 * syntax except as quoted index words.
 *
 * @param phrases each a list of one or more index words, in order
 */
public record SearchQuery(List<List<String>> phrases) {

    /** Each phrase is a lookup in the index, and all of them are intersected. */
    public static final int MAX_PHRASES = 16;
    public static final int MAX_WORDS = 32;

    /** A search the rule cannot make into phrases, with a reason fit for a 400 problem's detail. */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String reason) {
            super(reason);
        }
    }

    public SearchQuery {
        phrases = phrases.stream().map(List::copyOf).toList();
    }

    public static SearchQuery parse(String text) {
        String[] parts = text.split("\"", -1);
        // parts at odd indexes were between two quotes; with an even count, the last quote was left open
        boolean unclosed = parts.length % 2 == 0;
        Set<List<String>> phrases = new LinkedHashSet<>();
        for (int i = 0; i < parts.length; i++) {
            boolean quoted = i % 2 == 1 && !(unclosed && i == parts.length - 1);
            if (quoted) {
                add(phrases, parts[i]);
            } else {
                for (String written : parts[i].split("[\\s\\p{Z}]+")) {
                    add(phrases, written);
                }
            }
        }
        if (phrases.isEmpty()) {
            throw new Invalid("has no word: a word is made of letters or digits");
        }
        if (phrases.size() > MAX_PHRASES) {
            throw new Invalid("has more than " + MAX_PHRASES + " words and phrases");
        }
        if (phrases.stream().mapToInt(List::size).sum() > MAX_WORDS) {
            throw new Invalid("has more than " + MAX_WORDS + " words");
        }
        return new SearchQuery(new ArrayList<>(phrases));
    }

    private static void add(Set<List<String>> phrases, String text) {
        List<String> words = SearchWords.split(text);
        for (String word : words) {
            if (word.length() > SearchWords.MAX_WORD_LENGTH) {
                throw new Invalid("has a word longer than " + SearchWords.MAX_WORD_LENGTH + " characters");
            }
        }
        if (!words.isEmpty()) {
            phrases.add(words);
        }
    }

    /** The words of every phrase, for a file name or a log line. */
    public List<String> words() {
        return phrases.stream().flatMap(List::stream).toList();
    }
}
