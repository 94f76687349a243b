package io.tagwatch.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountryResolverTest {

    private static final CountryResolver RESOLVER = new CountryResolver();

    private record Labelled(String location, String expected) {
    }

    /** A long run of spaces once cost time quadratic in its length: 300,000 took minutes. */
    @Test
    void longRunsOfWhitespaceResolveAtOnce() {
        String spaces = " ".repeat(300_000);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            assertThat(RESOLVER.resolve("Recife" + spaces + "-" + spaces + "PE")).isEqualTo("BR");
            assertThat(RESOLVER.resolve("x" + spaces + "\t\n" + spaces + "y")).isNull();
            assertThat(RESOLVER.resolve("London" + spaces + "/ \n  Paris")).isNull();
        });
    }

    /**
     * The labelled set (src/test/resources/geo/labelled-locations.tsv) was written apart from the
     * resolver's data. Precision: of the answers given, the share that are right. Recall: of the
     * resolvable locations, the share answered right.
     */
    @Test
    void precisionAndRecallOnTheLabelledSetMeetTheTargets() throws IOException {
        List<Labelled> set = labelledSet();
        int answered = 0;
        int right = 0;
        int resolvable = 0;
        List<String> mistakes = new ArrayList<>();
        for (Labelled l : set) {
            String got = RESOLVER.resolve(l.location());
            if (l.expected() != null) {
                resolvable++;
            }
            if (got != null) {
                answered++;
                if (got.equals(l.expected())) {
                    right++;
                } else {
                    mistakes.add("WRONG  " + l.location() + " -> " + got + " (expected " + l.expected() + ")");
                }
            } else if (l.expected() != null) {
                mistakes.add("MISSED " + l.location() + " (expected " + l.expected() + ")");
            }
        }
        double precision = (double) right / answered;
        double recall = (double) right / resolvable;
        System.out.printf("geo: %d labelled locations, %d resolvable; precision %.4f (%d/%d), recall %.4f (%d/%d)%n",
                set.size(), resolvable, precision, right, answered, recall, right, resolvable);
        mistakes.forEach(System.out::println);
        assertThat(set).hasSizeGreaterThanOrEqualTo(300);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.98);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.90);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', nullValues = "null", value = {
        "Austin, TX => US", "Paris, TX => US", "Paris => FR", "London, Ontario => CA", "Recife - PE => BR", "São Paulo, SP => BR",
        "sao paulo => BR", "MÜNCHEN => DE", "Berlin 🇩🇪 => DE", "🇧🇷🇵🇹 => null", "Lisboa 🇵🇹🇧🇷 => PT", "London / NYC => null",
        "NYC | SF => US", "Georgia => null", "Georgia, USA => US", "Atlanta, Georgia => US", "Tbilisi, Georgia => GE",
        "Earth => null", "South America => null", "Remote => null", "東京都渋谷区 => JP", "Москва => RU", "Deutschland => DE",
        "Bengaluru, India => IN", "'; DROP TABLE author;-- => null", "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Glasgow => GB", "\"\" => null"})
    void resolvesTheUsualForms(String location, String expected) {
        assertThat(RESOLVER.resolve(location)).isEqualTo(expected);
    }

    private static List<Labelled> labelledSet() throws IOException {
        List<Labelled> set = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CountryResolverTest.class.getResourceAsStream("/geo/labelled-locations.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                int tab = line.lastIndexOf('\t');
                String expected = line.substring(tab + 1).strip();
                set.add(new Labelled(line.substring(0, tab), expected.isEmpty() ? null : expected));
            }
        }
        return set;
    }
}
