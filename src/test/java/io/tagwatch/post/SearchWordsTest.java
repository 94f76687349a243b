package io.tagwatch.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule both databases' indexes are fed with, and the searches made of it. */
class SearchWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Spent the whole afternoon on a flaky deploy. #sre saved us!|spent the whole afternoon on a flaky deploy sre saved us",
        "#DevOps #SRE_Life|devops sre life",
        "Café CRÈME, naïve façade, Ångström, Øresund, Łódź, Straße, ẞ|cafe creme naive facade angstrom oresund lodz strasse ss",
        "Ｆｕｌｌｗｉｄｔｈ ﬁne x² ①|fullwidth fine x2 1",
        "well-known example.com/a_b don't|well known example com a b don t",
        "年収 ٢٠٢٦ ۱۲|年 収 2026 12",
        "東京タワー2026|東 京 タ ワ ー 2026",
        "İstanbul ΟΔΟΣ Москва|istanbul οδος москва",
        "नमस्ते दुनिया|नमस्ते दुनिया",
        "emoji 🚀🔥 only|emoji only",
        "AND OR NOT NEAR(a b) * ^ :col \"quoted\"|and or not near a b col quoted"})
    void textBecomesLowerCaseFoldedWords(String text, String words) {
        assertThat(SearchWords.of(text)).isEqualTo(words);
    }

    @Test
    void wordsTooLongForAnIndexAreLeftOutAndPostsCutAtTheirLastPosition() {
        assertThat(SearchWords.of("a " + "x".repeat(101) + " b " + "y".repeat(100)))
                .isEqualTo("a b " + "y".repeat(100));
        assertThat(SearchWords.of("w ".repeat(20_000)).split(" ")).hasSize(SearchWords.MAX_WORDS);
        assertThat(SearchWords.of(null)).isEmpty();
    }

    /** What the databases are given: words of letters, digits and marks, one space apart, nothing else. */
    @Property(tries = 2000)
    void wordsNeverCarryEngineSyntax(@ForAll @StringLength(max = 300) String text) {
        String words = SearchWords.of(text);
        assertThat(words).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
        for (String word : words.isEmpty() ? new String[0] : words.split(" ")) {
            assertThat(word).matches("[\\p{L}\\p{N}\\p{M}]{1,100}");
        }
        // the same rule on its own output changes nothing, so a search for a stored word finds it
        assertThat(SearchWords.of(words)).isEqualTo(words);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "flaky deploy|[[flaky], [deploy]]",
        "\"flaky deploy\" #SRE|[[flaky, deploy], [sre]]",
        "well-known CAFÉ|[[well, known], [cafe]]",
        "\"unbalanced quote|[[unbalanced], [quote]]",
        "AND OR NOT|[[and], [or], [not]]",
        "NEAR(a b)|[[near, a], [b]]",
        "a a \"a\"|[[a]]",
        "dev* -prod|[[dev], [prod]]"})
    void aSearchIsPhrasesOfIndexWords(String text, String phrases) {
        assertThat(SearchQuery.parse(text).phrases().toString()).isEqualTo(phrases);
    }

    @Test
    void aSearchWithoutAWordOrWithTooManyIsRefused() {
        for (String nothing : List.of("*", "\"\"", "🚀", " - ", "()")) {
            assertThatThrownBy(() -> SearchQuery.parse(nothing)).isInstanceOf(SearchQuery.Invalid.class)
                    .hasMessageStartingWith("has no word");
        }
        assertThatThrownBy(() -> SearchQuery.parse("a b c d e f g h i j k l m n o p q"))
                .hasMessage("has more than 16 words and phrases");
        assertThatThrownBy(() -> SearchQuery.parse("\"" + "a ".repeat(33) + "\""))
                .hasMessage("has more than 32 words");
        assertThatThrownBy(() -> SearchQuery.parse("x".repeat(101))).hasMessageContaining("longer than 100");
    }
}
