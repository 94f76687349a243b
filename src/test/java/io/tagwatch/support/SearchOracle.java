package io.tagwatch.support;

import java.util.Collections;
import java.util.List;

import io.tagwatch.post.SearchQuery;
import io.tagwatch.post.SearchWords;

/**
 * What a search should find, worked out in Java from a post's text, without either database: every
 * phrase of the search appears in the post's indexed words, its words next to each other in order.
 */
public final class SearchOracle {

    private SearchOracle() {
    }

    public static boolean matches(SearchQuery search, String text) {
        List<String> words = List.of(SearchWords.of(text).split(" "));
        return search.phrases().stream().allMatch(phrase -> Collections.indexOfSubList(words, phrase) >= 0);
    }
}
