package io.tagwatch.store;

import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tagwatch.post.SearchQuery;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * A search as a condition on the posts {@code p}, in each engine's syntax: every phrase must be in the
 * post's words. The engine's query text is built here from index words alone, each quoted, and passed
 * as a parameter; a word holds letters, digits and marks only (checked again here, since a quote or a
 * backslash in one would be syntax), so the user's text never reaches the engine as syntax.
 */
final class SearchCondition {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+");

    private SearchCondition() {
    }

    /** The condition, starting with " AND ", or nothing when there is no search. */
    static String sql(Engine engine, SearchQuery search, MapSqlParameterSource params) {
        if (search == null) {
            return "";
        }
        if (engine == Engine.POSTGRESQL) {
            // 'a' & ('b' <-> 'c'): lexemes as they are (no dictionary), <-> for words next to each other
            params.addValue("search", join(search, " & ", "(", " <-> ", ")", "'"));
            return " AND p.search @@ CAST(:search AS tsquery)";
        }
        // "a" AND "b c": an FTS5 string is a phrase of the tokens in it
        params.addValue("search", join(search, " AND ", "\"", " ", "\"", ""));
        return " AND p.rowid IN (SELECT rowid FROM post_fts WHERE post_fts MATCH :search)";
    }

    private static String join(SearchQuery search, String and, String open, String next, String close, String quote) {
        return search.phrases().stream().map(phrase -> open + phrase.stream().map(word -> quote + checked(word) + quote)
                .collect(Collectors.joining(next)) + close).collect(Collectors.joining(and));
    }

    private static String checked(String word) {
        if (!WORD.matcher(word).matches()) {
            throw new IllegalArgumentException("not an index word");
        }
        return word;
    }
}
