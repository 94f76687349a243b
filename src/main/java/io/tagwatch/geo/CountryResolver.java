package io.tagwatch.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Resolves a free-text profile location ("Recife - PE", "München 🇩🇪", "NYC | SF") to an ISO 3166-1
 * alpha-2 code, offline. A wrong country is worse than none, so whatever is ambiguous or
 * contradictory resolves to null.
 *
 * <p>The text is split into places ("London / NYC" is two) and each place into parts, most specific
 * first ("Paris, TX"). In a place, qualifiers (country names, regions, their abbreviations) outrank
 * cities, so "Paris, TX" is in the US and "London, Ontario" in Canada. Places must agree, and so must
 * flags: "Lisboa 🇵🇹🇧🇷" is Portugal, "🇧🇷🇵🇹" alone is nobody's.
 */
@Component
public class CountryResolver {

    /** Languages whose country names (from the JDK's CLDR data) are recognised. */
    private static final List<String> LANGUAGES = List.of("en", "es", "pt", "fr", "de", "it", "nl", "ja", "zh",
            "zh-TW", "ko", "ru", "ar", "tr", "pl", "sv", "nb", "da", "fi", "cs", "hu", "ro", "el", "uk", "he", "hi",
            "id", "th", "vi", "ms", "fil", "bn", "fa", "sr", "hr", "bg", "ca", "sk", "sl", "lt", "lv", "et", "ga",
            "cy", "eu", "gl");

    /** Between places: "London / NYC", "Tokyo → Berlin", "Paris & Lyon". */
    private static final Pattern BETWEEN_PLACES = Pattern.compile(
            "\\s*(?:[/|;•·+&→⇄↔➡➜>✈]|->|<->|\\band\\b|\\bund\\b|\\bet\\b|\\by\\b|\\be\\b|\\n)\\s*",
            Pattern.CASE_INSENSITIVE);
    /**
     * A run of whitespace, folded to one character before the patterns above see the text: their leading
     * \s* would otherwise try every run from each of its characters, quadratic in its length.
     */
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s{2,}");
    /** Within a place, from specific to general: "Recife - PE", "Austin, TX, USA". */
    private static final Pattern WITHIN_PLACE = Pattern.compile("\\s*(?:,|\\s[-–—]\\s|\\(|\\)|\\s-|-\\s)\\s*");

    /** Words too common in running text to be taken as a place unless they are the whole part. */
    private static final Set<String> COMMON_WORDS = Set.of("man", "chad", "jordan", "jersey", "guernsey", "turkey",
            "georgia", "christmas", "reunion", "norfolk", "victoria", "nice", "reading", "mobile", "split", "home",
            "bath", "male", "ireland island", "of", "in", "at", "the", "la", "le", "el", "de", "da", "do", "du", "al",
            "san", "santa", "saint", "st", "new", "north", "south", "east", "west", "central", "city");

    /** Names of no single country; they take their words away from the scan ("South America"). */
    private static final Set<String> NO_COUNTRY = Set.of("europe", "european union", "eu", "asia", "africa",
            "south america", "north america", "latin america", "central america", "latam", "emea", "apac",
            "middle east", "scandinavia", "nordics", "balkans", "caribbean", "oceania", "world", "worldwide",
            "the world", "earth", "planet earth", "global", "internet", "the internet", "everywhere", "nowhere",
            "remote", "cloud", "the cloud", "mars", "moon", "space", "localhost", "middle earth", "narnia", "hogwarts",
            "gotham", "wakanda", "westeros", "southeast asia", "east asia", "west africa", "east africa",
            "sub saharan africa", "mena", "benelux", "dach", "iberia", "baltics", "gulf", "persian gulf",
            "western europe", "eastern europe", "central europe", "northern europe", "southern europe",
            "americas", "the americas", "indochina", "antilles");

    private record Entry(Set<String> codes, boolean qualifier) {
    }

    private final Map<String, Entry> names = new HashMap<>();
    private final Map<String, Set<String>> abbreviations = new HashMap<>();
    private final List<String> unspacedNames = new ArrayList<>();
    private final Set<String> isoCodes = Set.of(Locale.getISOCountries());

    public CountryResolver() {
        for (String code : isoCodes) {
            Locale country = new Locale("", code);
            for (String language : LANGUAGES) {
                addCountryName(country.getDisplayCountry(Locale.forLanguageTag(language)), code);
            }
            abbreviations.computeIfAbsent(code.toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(code);
            String alpha3 = country.getISO3Country();
            if (!alpha3.isEmpty()) {
                abbreviations.computeIfAbsent(alpha3.toLowerCase(Locale.ROOT), k -> new TreeSet<>()).add(code);
            }
        }
        read("geo/country-aliases.tsv", (name, code, kind) -> add(name, code, true));
        read("geo/regions.tsv", (name, code, kind) -> {
            if ("abbr".equals(kind)) {
                abbreviations.computeIfAbsent(PlaceNames.fold(name).replace(" ", ""), k -> new TreeSet<>()).add(code);
            } else {
                add(name, code, true);
            }
        });
        read("geo/cities.tsv", (name, code, kind) -> add(name, code, false));
        for (String name : NO_COUNTRY) {
            names.put(name, new Entry(Set.of(), true));
        }
        names.keySet().stream().filter(PlaceNames::isUnspaced).filter(n -> n.length() >= 2)
                .sorted((a, b) -> b.length() - a.length()).forEach(unspacedNames::add);
    }

    /** The ISO 3166-1 alpha-2 code of the one country the text names, or null. */
    public String resolve(String location) {
        if (location == null || location.isBlank()) {
            return null;
        }
        Set<String> flags = Flags.countries(location, isoCodes);
        Set<String> text = null;
        String folded = WHITESPACE_RUN.matcher(Flags.strip(location))
                .replaceAll(run -> run.group().indexOf('\n') >= 0 ? "\n" : " ");
        for (String place : BETWEEN_PLACES.split(folded)) {
            Set<String> codes = resolvePlace(place);
            if (codes.isEmpty()) {
                continue;
            }
            text = text == null ? new TreeSet<>(codes) : intersect(text, codes);
            if (text.isEmpty()) {
                return null; // places in different countries
            }
        }
        if (text == null) {
            return flags.size() == 1 ? flags.iterator().next() : null;
        }
        if (!flags.isEmpty()) {
            text = intersect(text, flags);
        }
        return text.size() == 1 ? text.iterator().next() : null;
    }

    private Set<String> resolvePlace(String place) {
        String[] parts = WITHIN_PLACE.split(place.strip());
        List<Set<String>> qualifiers = new ArrayList<>();
        List<Set<String>> cities = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.isEmpty()) {
                continue;
            }
            Set<String> abbreviation = i > 0 ? abbreviation(part) : null;
            if (abbreviation != null) {
                qualifiers.add(abbreviation);
                continue;
            }
            scan(part, i > 0 || parts.length > 1, qualifiers, cities);
        }
        Set<String> answer = null;
        for (Set<String> q : qualifiers) {
            answer = answer == null ? new TreeSet<>(q) : intersect(answer, q);
        }
        if (answer != null && answer.size() <= 1) {
            return answer;
        }
        Set<String> cityCodes = null;
        for (Set<String> c : cities) {
            cityCodes = cityCodes == null ? new TreeSet<>(c) : intersect(cityCodes, c);
        }
        if (answer == null) {
            return cityCodes == null ? Set.of() : cityCodes;
        }
        if (cityCodes != null) {
            // an ambiguous qualifier ("Georgia", "PA") settled by a city in it ("Atlanta, Georgia", "Belém, PA")
            Set<String> both = intersect(answer, cityCodes);
            if (both.size() == 1) {
                return both;
            }
            // "Athens, GA", "Moscow, ID": a famous name with a state after it is one of its US namesakes
            if (both.isEmpty() && answer.contains("US")) {
                return Set.of("US");
            }
        }
        return answer;
    }

    /** "TX", "Calif.", "SP", "DE", "GBR" after a city: a region or a country code. */
    private Set<String> abbreviation(String part) {
        String letters = part.replace(".", "").strip();
        if (letters.length() < 2 || letters.length() > 6 || !letters.chars().allMatch(Character::isLetter)) {
            return null;
        }
        boolean upper = letters.equals(letters.toUpperCase(Locale.ROOT));
        String key = PlaceNames.fold(letters);
        if (!upper && !part.contains(".") && letters.length() <= 3 && names.containsKey(key)) {
            return null; // a short lowercase word that is also a name is read as that name
        }
        return (upper || part.contains(".") || letters.length() > 3) ? abbreviations.get(key) : null;
    }

    /**
     * Finds the names in one part, longest first: the whole part, then runs of up to five words,
     * then (for scripts without spaces) names contained in it.
     */
    private void scan(String part, boolean hasContext, List<Set<String>> qualifiers, List<Set<String>> cities) {
        String folded = PlaceNames.fold(part);
        if (folded.isEmpty()) {
            return;
        }
        Entry whole = names.get(folded);
        if (whole != null) {
            collect(whole, qualifiers, cities);
            return;
        }
        String[] words = folded.split(" ");
        int i = 0;
        while (i < words.length) {
            int matched = 0;
            for (int n = Math.min(5, words.length - i); n >= 1 && matched == 0; n--) {
                String run = String.join(" ", Arrays.copyOfRange(words, i, i + n));
                Entry entry = names.get(run);
                if (entry != null && (n > 1 || (run.length() >= 4 && !COMMON_WORDS.contains(run)))) {
                    collect(entry, qualifiers, cities);
                    matched = n;
                } else if (n == 1 && i > 0 && i == words.length - 1 && hasContext) {
                    // "Boston MA": a trailing upper-case abbreviation after other words
                    String original = lastWord(part);
                    Set<String> abbreviation = original == null ? null : abbreviation(original);
                    if (abbreviation != null) {
                        qualifiers.add(abbreviation);
                        matched = 1;
                    }
                }
            }
            i += Math.max(matched, 1);
        }
        if (PlaceNames.isUnspaced(folded)) {
            String rest = folded;
            for (String name : unspacedNames) {
                if (rest.contains(name)) {
                    collect(names.get(name), qualifiers, cities);
                    rest = rest.replace(name, " ");
                }
            }
        }
    }

    private static String lastWord(String part) {
        String[] words = part.strip().split("\\s+");
        return words.length < 2 ? null : words[words.length - 1];
    }

    private static void collect(Entry entry, List<Set<String>> qualifiers, List<Set<String>> cities) {
        if (entry.codes().isEmpty()) {
            return;
        }
        (entry.qualifier() ? qualifiers : cities).add(entry.codes());
    }

    private void addCountryName(String displayName, String code) {
        if (displayName == null || displayName.isBlank() || displayName.equals(code)) {
            return;
        }
        add(displayName, code, true);
        int paren = displayName.indexOf('(');
        if (paren > 0) {
            add(displayName.substring(0, paren), code, true); // "Myanmar (Burma)"
        }
    }

    private void add(String name, String code, boolean qualifier) {
        String key = PlaceNames.fold(name);
        if (key.isEmpty()) {
            return;
        }
        Entry old = names.get(key);
        if (old == null) {
            names.put(key, new Entry(Set.of(code), qualifier));
            return;
        }
        // "Georgia" the state and the country, "Salvador" the city and (in French) the country: both
        Set<String> codes = new HashSet<>(old.codes());
        codes.add(code);
        names.put(key, new Entry(Set.copyOf(codes), qualifier || old.qualifier()));
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    @FunctionalInterface
    private interface Row {
        void accept(String name, String code, String kind);
    }

    private static void read(String resource, Row row) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                row.accept(fields[0], fields[1].strip(), fields.length > 2 ? fields[2].strip() : null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
