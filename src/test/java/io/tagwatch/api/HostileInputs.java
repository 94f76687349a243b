package io.tagwatch.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What careless and hostile clients send: values meant to break a parser, a decoder or a query, and the
 * encodings they arrive in. Strings that go on the wire as they are hold one byte per char
 * (ISO-8859-1), see {@link io.tagwatch.support.RawHttp}.
 */
final class HostileInputs {

    private static final List<String> PARAMETERS = List.of("limit", "tag", "source", "from", "to", "tz", "by", "bucket",
            "cursor", "lang", "country", "location", "q", "format");

    private static final List<String> SQL = List.of("' OR 1=1 --", "'; DROP TABLE post; --", "\" OR \"\"=\"",
            "1; DELETE FROM post", "1 UNION SELECT username, name FROM author --", "%' AND 1=1 --", "') OR ('a'='a",
            "\\'; UPDATE checkpoint SET position = '0'; --", "devops' --", "x'||(SELECT sqlite_version())||'",
            "1) OR 1=1; INSERT INTO post_tag VALUES ('x','x','x',0,0); --");
    private static final List<String> NUMBERS = List.of("0", "-1", "-2147483648", "2147483647", "2147483648",
            "9223372036854775807", "-9223372036854775809", "99999999999999999999999999", "1e9", "0x10", "5.0", " 5",
            "+5", "٥", "１２", "NaN", "-0", "0000000000000000000000000000001", "");
    private static final List<String> INSTANTS = List.of("2026-02-30T00:00:00Z", "2026-11-20T24:00:00Z",
            "2026-11-20T00:00:00+18:00", "2026-11-20T00:00:00-18:00", "2026-11-20T00:00:00+19:00",
            "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "+292278994-08-17T07:12:55.807Z",
            "-292275055-05-16T16:47:04.192Z", "+10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z",
            "0000-01-01T00:00:00+00:01", "9999-12-31T23:59:59.999999999-00:01", "2026-11-20", "2026-11-20T00:00:00",
            "2026-11-20T00:00:00 05:30", "1970-01-01T00:00:00.000000001Z", "yesterday", "2026-W47-5",
            // far ranges: more buckets than an answer holds, and local mean time before 1900
            "9999-06-01T00:00:00Z", "0001-01-01T00:00:00Z", "1850-01-01T00:00:00Z", "1960-01-01T00:00:00Z");
    private static final List<String> ZONES = List.of("Mars/Olympus", "+05:07", "+18:01", "-18:00", "+19:00",
            "GMT+5", "UTC+05:45", "Etc/GMT-14", "Etc/GMT+12", "EST", "SystemV/EST5", "../../../etc/passwd",
            "Europe/../Berlin", "America/Argentina/ComodRivadavia", "+5", "utc", "Z", "GMT0", "Europe/Berlin ",
            // offsets off the quarter hours, now or in the past
            "UTC+05:07", "GMT-00:20", "UT+00:00:30", "Africa/Monrovia", "Europe/Amsterdam", "Asia/Kolkata");
    private static final List<String> WORDS = List.of("week", "colour", "NoSuchTag", "#", "##sre", "sre sre",
            "Ⅻ", "ǅ", "İ", "ß", "東京", "🚀", "null", "undefined", "true", "[]", "{}", "$where", "${jndi:ldap://x/a}",
            "#{1+1}", "{{7*7}}", "<script>alert(1)</script>", "../../etc/passwd", "C:\\Windows\\win.ini",
            "\u202e", "\ufeff", "\ud800", "a\u0000b", "\r\nX-Injected: 1");
    /** The query syntax of SQLite's FTS5 and PostgreSQL's tsquery, which a search must never speak. */
    private static final List<String> SEARCH_SYNTAX = List.of("\"unbalanced", "AND OR NOT", "*", "NEAR(", "NEAR(a b, 2)",
            "a OR b", "a NOT b", "-a", "^a", "a*", "col:a", "{a b}:c", "a + b", "\"a\" \"b\"", "\"\"", "'a' & 'b'",
            "a <-> b", "a <2> b", "!a", "a | b", "a:*", "a:A", "''", "\\", "(a", "a)", "((((((((((a", "\"" + "a ".repeat(40),
            "a b c d e f g h i j k l m n o p q r", "x".repeat(150), "🚀🔥", "東京タワー", "Ⅻ ǅ İ ß", "a\u0301\u0301\u0301");
    /** Escapes a decoder must refuse or survive: truncated, not hex, overlong or surrogate UTF-8, NUL, CR LF. */
    private static final List<String> PERCENT_JUNK = List.of("%", "%%", "%z", "%zz", "%2", "%E0%A4", "%C3%28",
            "%FF%FE", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%00", "%0D%0A", "%0A", "%25", "%252F", "%2F", "%5C",
            "%u0041", "%2B", "+", "%20", "%3D", "%26");
    private static final List<String> SEGMENT_JUNK = List.of("..", ".", "%2E%2E", "%2e", "%2F", "%2f..%2f..",
            "..%2F..%2Fetc%2Fpasswd", "%5C..%5C", "%00", "%0D%0A", ";", ";jsessionid=1", "%3B", "~", "", "%252F",
            "a/b", "..;", "%C0%AE%C0%AE", "%", "%zz", "%E0%A4", "*", "-", "@", ":", "a:b@c");

    /** Values within each parameter's rules, extremes included, so that requests also get through to the SQL. */
    private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
            Map.entry("limit", List.of("1", "5", "100", "200")),
            Map.entry("tag", List.of("devops", "%23SRE", "Microservices", "opentracing")),
            Map.entry("source", List.of("demo", "x", "mastodon")),
            Map.entry("from", List.of("0000-01-01T00:00:00Z", "2026-11-15T00:00:00Z", "2026-11-16T10:03:00.5%2B05:45")),
            Map.entry("to", List.of("9999-12-31T23:59:59.999999999Z", "2026-11-17T12:00:00Z",
                    "2026-11-16T23:59:00-09:30")),
            Map.entry("tz", List.of("UTC", "Asia/Kathmandu", "%2B14:00", "-12:00", "Pacific/Chatham",
                    "America/St_Johns", "Australia/Lord_Howe", "Africa/Monrovia")),
            Map.entry("by", List.of("language", "country")),
            Map.entry("bucket", List.of("hour", "day")),
            Map.entry("cursor", List.of(cursor("1795127795000:demo:2123546004021968896"),
                    cursor("9223372036854775807:demo:x"), cursor("-9223372036854775808:demo:x"), cursor("0:a:b"))),
            Map.entry("lang", List.of("en", "pt-BR", "und", "zh-hant-tw")),
            Map.entry("country", List.of("US", "zz", "BR")),
            Map.entry("location", List.of("Recife%20-%20PE", "%E6%9D%B1%E4%BA%AC", "Earth", "")),
            Map.entry("q", List.of("flaky", "%22error%20budgets%22", "%23SRE%20on-call", "caf%C3%A9", "")),
            Map.entry("format", List.of("csv", "ndjson")));

    /** Hostile values of the type each parameter expects: numbers for limit, instants for from, ... */
    private static final Map<String, List<String>> TYPED = Map.of("limit", NUMBERS, "from", INSTANTS, "to", INSTANTS,
            "tz", ZONES, "q", SEARCH_SYNTAX, "cursor", List.of(cursor("abc"), cursor("1:2"), cursor("x:demo:1"), cursor(":::"),
                    cursor("99999999999999999999:demo:1"), cursor("1:demo:' OR 1=1 --"), cursor("1:demo:\u0000"),
                    "MTpkZW1vOjE=", "MTpk+W1vOjE/", "%3D%3D", "====", "-_-_"));

    /**
     * Headers that frame the request on the connection rather than say anything to the API: a wrong
     * Content-Length stalls it, Expect brings an interim 100, and an unknown Transfer-Encoding is a 501
     * by RFC 9112. Host is fuzzed with the requests Tomcat refuses.
     */
    private static final Set<String> FRAMING = Set.of("host", "connection", "content-length", "transfer-encoding",
            "te", "expect", "upgrade", "http2-settings", "keep-alive", "trailer");

    private HostileInputs() {
    }

    /** A value as a client means it, before any encoding. */
    private static Arbitrary<String> values() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of(SQL)),
                Tuple.of(2, Arbitraries.of(NUMBERS)),
                Tuple.of(2, Arbitraries.of(INSTANTS)),
                Tuple.of(2, Arbitraries.of(ZONES)),
                Tuple.of(2, Arbitraries.of(WORDS)),
                Tuple.of(4, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8)),
                Tuple.of(1, longValues()));
    }

    /** About 10 kB: far over the API's 200 characters; once encoded, some are over Tomcat's 32 kB head too. */
    private static Arbitrary<String> longValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("a", "9", "'", "é", "%", "🚀").map(s -> s.repeat(10_240 / s.length())),
                Arbitraries.strings().all().ofLength(10_240));
    }

    /** A value as it goes into a query string or a path segment: mostly well encoded, sometimes broken. */
    private static Arbitrary<String> encoded() {
        Arbitrary<String> proper = values().map(HostileInputs::encode);
        Arbitrary<String> junk = Arbitraries.of(PERCENT_JUNK);
        return Arbitraries.frequencyOf(
                Tuple.of(6, proper),
                Tuple.of(2, Combinators.combine(proper, junk).as((value, escape) -> value + escape)),
                Tuple.of(1, Combinators.combine(junk, proper).as((escape, value) -> escape + value)),
                Tuple.of(1, junk.list().ofMinSize(1).ofMaxSize(4).map(escapes -> String.join("", escapes))));
    }

    /**
     * Query strings: mostly valid parameters with one hostile among them, so that it is that one the API
     * must cope with; some only valid (extremes included), some anything at all.
     */
    static Arbitrary<String> queryStrings() {
        Arbitrary<List<String>> valid = Arbitraries.of(PARAMETERS)
                .flatMap(name -> Arbitraries.of(ALLOWED.get(name)).map(value -> name + "=" + value))
                .list().ofMaxSize(4).uniqueElements(pair -> pair.substring(0, pair.indexOf('=')));
        Arbitrary<String> oneHostile = Combinators.combine(valid, hostilePairs(), Arbitraries.integers().between(0, 4))
                .as((pairs, hostile, at) -> {
                    List<String> all = new ArrayList<>(pairs);
                    all.add(at % (all.size() + 1), hostile);
                    return String.join("&", all);
                });
        Arbitrary<String> anything = Combinators.combine(hostilePairs().list().ofMaxSize(6),
                Arbitraries.of("&", "&", "&&", ";")).as((pairs, separator) -> String.join(separator, pairs));
        return Arbitraries.frequencyOf(
                Tuple.of(5, oneHostile),
                Tuple.of(2, valid.map(pairs -> String.join("&", pairs))),
                Tuple.of(3, anything));
    }

    /** A known, unknown or hostile name with a hostile value, repeated names, no '=', empty pairs. */
    private static Arbitrary<String> hostilePairs() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(PARAMETERS)),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)),
                Tuple.of(1, encoded()));
        return name.flatMap(n -> Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(TYPED.getOrDefault(n, WORDS)).map(v -> n + "=" + encode(v))),
                Tuple.of(5, encoded().map(v -> n + "=" + v)),
                Tuple.of(1, Arbitraries.of(n, n + "=", "=" + n, n + "==", ""))));
    }

    /** A path segment: a hostile value encoded, or dots, encoded slashes, NUL, matrix parameters. */
    static Arbitrary<String> segments() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, encoded()),
                Tuple.of(4, Arbitraries.of(SEGMENT_JUNK)),
                Tuple.of(1, Arbitraries.of("demo", "devops", "2123546004021968896")));
    }

    /** Header names: the ones the service or its frameworks read, Camel's own, and random tokens. */
    static Arbitrary<String> headerNames() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("Accept", "Content-Type", "Authorization", "X-Forwarded-For",
                        "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix", "Forwarded",
                        "Cookie", "Accept-Language", "Accept-Encoding", "Accept-Charset", "Range", "If-None-Match",
                        "If-Modified-Since", "Origin", "Referer", "User-Agent", "Cache-Control",
                        "X-HTTP-Method-Override", "traceparent", "b3", "baggage")),
                Tuple.of(2, Arbitraries.of(PARAMETERS).map(p -> p.substring(0, 1).toUpperCase(Locale.ROOT) + p.substring(1))),
                Tuple.of(2, Arbitraries.of("id", "CamelHttpQuery", "CamelHttpUri", "CamelHttpPath", "CamelHttpMethod",
                        "CamelHttpResponseCode", "CamelHttpRawQuery", "Content-Encoding", "camelhttpquery",
                        "CamelServletContextPath", "breadcrumbId", "Exchange.HTTP_QUERY", "WWW-Authenticate")),
                Tuple.of(3, Arbitraries.strings().withChars("!#$%&'*+-.^_`|~").alpha().numeric()
                        .ofMinLength(1).ofMaxLength(30)))
                .filter(n -> !FRAMING.contains(n.toLowerCase(Locale.ROOT)));
    }

    /** Header values HTTP allows (visible ASCII, spaces, obs-text bytes), plain and hostile. */
    static Arbitrary<String> headerValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("*/*", "application/json", "application/problem+json", "text/html",
                        "application/xml", "foo", ";;;", "*/*;q=abc", "application/json; charset=utf-99",
                        "multipart/form-data; boundary=", "application/x-www-form-urlencoded", "text/*, */*;q=0",
                        "Bearer", "Bearer ", "Bearer ' OR 1=1 --", "Basic !!!", "Basic YWRtaW46YWRtaW4=", "Negotiate",
                        "bearer x", "127.0.0.1, ::1, 999.1.1.1", "evil.example:99999", "gopher", "-5", "/../x",
                        "for=\"[::1\"", "JSESSIONID=%zz; a", "bytes=9-1", "gzip;q=x", "*", "00-0-0-00",
                        "x".repeat(8_000))),
                Tuple.of(3, Arbitraries.of(SQL)),
                Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0080', '\u00ff').ofMinLength(1).ofMaxLength(20)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(20).map(HostileInputs::utf8Bytes)))
                .map(String::strip) // a field value has no leading or trailing whitespace
                .filter(v -> v.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f));
    }

    /** Bytes Tomcat refuses in a request target: controls, DEL, space, non-ASCII, and "<>\^`{|}[]#. */
    static Arbitrary<String> illegalTargetBytes() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("\"", "<", ">", "\\", "^", "`", "{", "|", "}", "[", "]", "#", " ",
                        "\u007f")),
                Tuple.of(3, Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf)),
                Tuple.of(3, Arbitraries.chars().range('\u0080', '\u00ff').map(String::valueOf)),
                Tuple.of(2, Arbitraries.of("é", "東京", "🚀", "\u2028").map(HostileInputs::utf8Bytes)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The UTF-8 bytes of a text, one char per byte, to go on the wire raw. */
    private static String utf8Bytes(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String cursor(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
