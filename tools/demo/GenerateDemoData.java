/*
 * GenerateDemoData: deterministic generator of the offline demo dataset (X API v2 recent search).
 *
 * Why it exists: the app has to run offline, in demo mode, in tests and during UI work, with no
 * network access and no X credentials. This program writes canned responses of
 * GET /2/tweets/search/recent (query "#<tag> -is:retweet", expansions=author_id,
 * tweet.fields=created_at,lang,author_id,public_metrics,entities,
 * user.fields=name,username,location,public_metrics) in the exact wire format: one file per page,
 * newest first, at most 100 posts per page, meta.next_token = base name of the next file.
 *
 * Run from the repository root (Java 17+, no dependencies):
 *
 *     java tools/demo/GenerateDemoData.java src/main/resources/demo/x
 *
 * This source file is UTF-8. Java 17 decodes it with the platform charset, so under a non-UTF-8 locale
 * (e.g. LANG=C) add -Dfile.encoding=UTF-8; the program refuses to run if the literals came out wrong.
 *
 * Output: <outDir>/<tag>/page-001.json, page-002.json, ... (one compact JSON object per file,
 * UTF-8, no trailing newline). Stale page-NNN.json files in those tag folders are deleted first.
 * Output is byte-identical across runs: fixed seed, java.util.Random (its algorithm is specified),
 * StrictMath only, no clock, no hash-order iteration. Changing anything here changes the data.
 */

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

public class GenerateDemoData {

    // ------------------------------------------------------------------ constants

    static final long SEED = 20261120L;
    static final long END_MS = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();   // exclusive
    static final long START_MS = END_MS - 7L * 86_400_000L;                          // inclusive
    static final long TWEPOCH = 1288834974657L;                                      // X snowflake epoch
    static final int PAGE_SIZE = 100;
    static final int TARGET_POSTS = 6000;     // authors are added until at least this many posts exist
    static final int NEW_SPELLING_EVERY = 7;  // page-007, page-014, ...: post_count / edit_history_post_ids
    static final String ERROR_TAG = "devops";
    static final int ERROR_PAGE = 2;

    /** The tracked tags, in the order they are reported. */
    static final String[] TRACKED = {"openbanking", "remediation", "devops", "sre", "microservices",
            "observability", "oauth", "metrics", "logmonitoring", "opentracing"};
    static final Set<String> TRACKED_SET = new HashSet<>(Arrays.asList(TRACKED)); // lookups only

    static final Random R = new Random(SEED);

    // ------------------------------------------------------------------ random helpers

    static double rnd() { return R.nextDouble(); }
    static boolean chance(double p) { return R.nextDouble() < p; }
    static int rint(int lo, int hiIncl) { return lo + R.nextInt(hiIncl - lo + 1); }
    static double uni(double lo, double hi) { return lo + (hi - lo) * R.nextDouble(); }
    static double logNormal(double mu, double sigma) { return StrictMath.exp(mu + sigma * R.nextGaussian()); }
    static <T> T pick(T[] a) { return a[R.nextInt(a.length)]; }
    static <T> T pick(List<T> a) { return a.get(R.nextInt(a.size())); }

    /** Weighted choice from alternating (String item, Number weight) pairs. */
    static String wpick(Object... pairs) {
        double total = 0;
        for (int i = 1; i < pairs.length; i += 2) total += ((Number) pairs[i]).doubleValue();
        double u = rnd() * total;
        for (int i = 0; i < pairs.length; i += 2) {
            u -= ((Number) pairs[i + 1]).doubleValue();
            if (u < 0) return (String) pairs[i];
        }
        return (String) pairs[pairs.length - 2];
    }

    // ------------------------------------------------------------------ tags

    static final Object[] POPULARITY = {"devops", 30, "sre", 17, "microservices", 15, "observability", 15,
            "metrics", 7, "oauth", 6, "openbanking", 4.5, "remediation", 2, "logmonitoring", 2, "opentracing", 2};

    /** How the author spells the tag (X keeps the author's casing in entities.hashtags[].tag). */
    static String casing(String tag) {
        switch (tag) {
            case "devops": return wpick("DevOps", 55, "devops", 30, "Devops", 10, "DEVOPS", 5);
            case "sre": return wpick("SRE", 70, "sre", 25, "Sre", 5);
            case "microservices": return wpick("Microservices", 45, "microservices", 45, "MicroServices", 10);
            case "observability": return wpick("Observability", 50, "observability", 45, "OBSERVABILITY", 5);
            case "oauth": return wpick("OAuth", 50, "oauth", 35, "Oauth", 10, "OAUTH", 5);
            case "metrics": return wpick("metrics", 55, "Metrics", 45);
            case "openbanking": return wpick("OpenBanking", 60, "openbanking", 30, "Openbanking", 10);
            case "remediation": return wpick("remediation", 50, "Remediation", 50);
            case "logmonitoring": return wpick("LogMonitoring", 50, "logmonitoring", 40, "Logmonitoring", 10);
            case "opentracing": return wpick("OpenTracing", 60, "opentracing", 40);
            default: throw new IllegalArgumentException(tag);
        }
    }

    /** The topic as a plain word, for sentences that mention it without a hashtag. */
    static String plainWord(String tag) {
        switch (tag) {
            case "devops": return "DevOps";
            case "sre": return "SRE";
            case "microservices": return "microservices";
            case "observability": return "observability";
            case "oauth": return "OAuth";
            case "metrics": return "metrics";
            case "openbanking": return "open banking";
            case "remediation": return "remediation";
            case "logmonitoring": return "log monitoring";
            case "opentracing": return "OpenTracing";
            default: throw new IllegalArgumentException(tag);
        }
    }

    /** Tracked tags that tend to co-occur with the given one. */
    static Object[] affinity(String tag) {
        switch (tag) {
            case "devops": return new Object[]{"sre", 5, "microservices", 3, "observability", 3, "metrics", 1, "remediation", 1};
            case "sre": return new Object[]{"devops", 5, "observability", 4, "metrics", 2, "remediation", 2, "logmonitoring", 1};
            case "microservices": return new Object[]{"devops", 4, "observability", 2, "opentracing", 1.5, "oauth", 1};
            case "observability": return new Object[]{"sre", 3, "metrics", 4, "opentracing", 2, "logmonitoring", 2, "devops", 2};
            case "oauth": return new Object[]{"openbanking", 3, "microservices", 2, "devops", 1};
            case "metrics": return new Object[]{"observability", 5, "sre", 2, "devops", 1, "logmonitoring", 1};
            case "openbanking": return new Object[]{"oauth", 5, "microservices", 1, "devops", 1};
            case "remediation": return new Object[]{"sre", 3, "devops", 3, "observability", 1};
            case "logmonitoring": return new Object[]{"observability", 4, "sre", 2, "metrics", 2, "devops", 1};
            case "opentracing": return new Object[]{"observability", 5, "microservices", 3, "metrics", 1};
            default: throw new IllegalArgumentException(tag);
        }
    }

    /** Untracked tags related to a tracked one. Some deliberately start like a tracked tag. */
    static String[] relatedTags(String tag) {
        switch (tag) {
            case "devops": return new String[]{"kubernetes", "Kubernetes", "CICD", "GitOps", "docker", "Docker", "Terraform", "PlatformEngineering", "DevOpsDays", "IaC", "DevSecOps"};
            case "sre": return new String[]{"SLO", "oncall", "incident", "SRECon", "chaosengineering", "reliability", "k8s"};
            case "microservices": return new String[]{"Kubernetes", "SpringBoot", "java", "Java", "golang", "eventdriven", "API", "serverless", "Kafka"};
            case "observability": return new String[]{"OpenTelemetry", "otel", "Prometheus", "Grafana", "Jaeger", "o11y", "eBPF"};
            case "oauth": return new String[]{"OAuth2", "OIDC", "security", "IAM", "Keycloak", "API", "oauth2"};
            case "metrics": return new String[]{"Prometheus", "Grafana", "SLO", "KPI", "dataviz", "metricsserver"};
            case "openbanking": return new String[]{"FinTech", "fintech", "PSD2", "PSD3", "banking", "API", "OpenFinance", "OpenBankingUK"};
            case "remediation": return new String[]{"incident", "security", "vulnerability", "CVE", "AIOps", "autoremediation"};
            case "logmonitoring": return new String[]{"ELK", "Loki", "Splunk", "logging", "SIEM", "logs"};
            case "opentracing": return new String[]{"Jaeger", "OpenTelemetry", "tracing", "Zipkin", "distributedtracing"};
            default: throw new IllegalArgumentException(tag);
        }
    }

    static final String[] GENERAL_TAGS = {"cloud", "Cloud", "AWS", "aws", "Azure", "GCP", "python", "Python", "java",
            "tech", "AI", "Linux", "100DaysOfCode", "programming", "SoftwareEngineering", "CloudNative", "cloudnative",
            "opensource", "OpenSource", "devs", "WebDev", "rustlang"};

    static String[] langTags(String lang) {
        switch (lang) {
            case "es": return new String[]{"tecnología", "nube", "programación", "desarrollo", "SoftwareLibre"};
            case "pt": return new String[]{"tecnologia", "programação", "nuvem", "desenvolvimento", "TI"};
            case "de": return new String[]{"Digitalisierung", "Softwareentwicklung", "Cloud", "ITSicherheit"};
            case "fr": return new String[]{"développeur", "numérique", "cloud", "FrenchTech"};
            case "ja": return new String[]{"クラウド", "エンジニア", "インフラ", "障害対応", "勉強会"};
            case "it": return new String[]{"tecnologia", "sviluppo", "informatica"};
            case "nl": return new String[]{"techniek", "ontwikkelaar", "ICT"};
            case "tr": return new String[]{"yazılım", "teknoloji", "bulut"};
            case "hi": return new String[]{"तकनीक", "भारत", "TechIndia"};
            case "ko": return new String[]{"개발자", "클라우드", "인프라"};
            case "zh": return new String[]{"云原生", "运维", "微服务", "可观测性"};
            case "ru": return new String[]{"разработка", "девопс", "облако", "ИТ"};
            case "pl": return new String[]{"programowanie", "chmura", "IT"};
            case "id": return new String[]{"teknologi", "programmer", "cloud"};
            case "ar": return new String[]{"تقنية", "برمجة", "السحابة"};
            case "sv": return new String[]{"utveckling", "teknik", "molnet"};
            default: return GENERAL_TAGS;
        }
    }

    // ------------------------------------------------------------------ text templates
    // {H} = the primary topic (inline hashtag or plain word); {TAGS} = where the hashtag block goes
    // (default: appended at the end). {N},{N2},{N3},{V},{TOOL},{TOOL2},{CO},{JOBLOC},{DAY} are fillers.

    static final String[] TOOLS = {"Prometheus", "Grafana", "Jaeger", "Kubernetes", "Terraform", "Argo CD", "Datadog",
            "Loki", "OpenTelemetry", "Keycloak", "Helm", "Istio", "Linkerd", "Tempo", "Vault", "Backstage", "Kafka",
            "Spring Boot", "Elasticsearch", "Zipkin", "PagerDuty", "Honeycomb", "New Relic", "Dynatrace", "Splunk"};
    static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Hooli", "Umbrella Corp", "Vandelay Industries",
            "Soylent", "Cyberdyne", "Wonka Labs", "Tyrell", "Pied Piper", "Stark Labs", "Oscorp"};
    static final String[] JOBLOCS = {"Remote (EU)", "Remote (US)", "Berlin", "NYC / remote", "London (hybrid)",
            "Bengaluru", "São Paulo", "Lisbon or remote", "Toronto", "Amsterdam", "Remote, anywhere"};
    static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};

    static String[] templates(String lang) {
        switch (lang) {
            case "en": return new String[]{
                    "Lessons learned from a year of {H} in production. Thread below 👇",
                    "{H} is not a tool, it's a culture.",
                    "Hot take: most {H} dashboards are just noise.",
                    "We're hiring a senior engineer with {H} experience. Remote OK!",
                    "Spent the whole afternoon chasing a flaky deploy. {H} saved us again.",
                    "Free workshop next {DAY} on {H}. Who's joining?",
                    "What's your favourite {H} tool this year? {TOOL} or {TOOL2}?",
                    "Our team cut MTTR by {N}% after investing in {H}.",
                    "Reminder: \"it works on my machine\" is not a strategy. Not even in {H}.",
                    "New blog post: a practical guide to {H} for small teams",
                    "Thread 🧵\n1/ Why {H} matters more than ever",
                    "grep -E \"5\\d\\d\" access.log | wc -l is my entire {H} strategy 😅",
                    "Just passed {N}M requests/day on our new {H} setup. Zero pages this week!",
                    "Anyone else at the {H} meetup tonight?",
                    "Postmortem is up. Root cause: a config change nobody reviewed.",
                    "Can we talk about how underrated {H} is?",
                    "Slides from my talk on {H} are online now.",
                    "Day {N} of learning {H}. My brain hurts but it's worth it.",
                    "Upgraded {TOOL} to v{V} today. Nothing broke. Suspicious.",
                    "Is {TOOL} still the default choice for {H} in 2026?",
                    "Good morning! Coffee ☕, standup, then more {H}."};
            case "es": return new String[]{
                    "Lecciones aprendidas tras un año de {H} en producción 👇",
                    "{H} no es una herramienta, es una cultura.",
                    "¿Cuál es vuestra herramienta favorita de {H}? ¿{TOOL} o {TOOL2}?",
                    "Estamos contratando: ingeniero/a senior con experiencia en {H}. ¡Remoto!",
                    "Nuevo artículo en el blog: guía práctica de {H} para equipos pequeños",
                    "Hoy charla sobre {H} en el meetup. ¡Nos vemos!",
                    "Reducimos el MTTR un {N}% gracias a {H}.",
                    "Opinión impopular: la mayoría de los dashboards de {H} son ruido.",
                    "Postmortem publicado. Causa raíz: un cambio de configuración sin revisar.",
                    "Día {N} aprendiendo {H}. Me duele la cabeza, pero vale la pena."};
            case "pt": return new String[]{
                    "Lições aprendidas depois de um ano de {H} em produção 👇",
                    "{H} não é ferramenta, é cultura.",
                    "Qual a ferramenta de {H} favorita de vocês? {TOOL} ou {TOOL2}?",
                    "Estamos contratando pessoa engenheira sênior com experiência em {H}. Vaga remota!",
                    "Novo post no blog: guia prático de {H} para times pequenos",
                    "Bora pro meetup de {H} hoje à noite?",
                    "Reduzimos o MTTR em {N}% depois de investir em {H}.",
                    "Passei o dia inteiro caçando um bug em produção. Valeu, {H}!",
                    "Atualizei o {TOOL} pra v{V} e nada quebrou. Desconfiado.",
                    "Bom dia! Café ☕, daily e mais {H}."};
            case "de": return new String[]{
                    "Lessons Learned nach einem Jahr {H} in Produktion 👇",
                    "{H} ist kein Tool, sondern eine Kultur.",
                    "Welches {H}-Tool nutzt ihr am liebsten? {TOOL} oder {TOOL2}?",
                    "Wir suchen eine:n Senior Engineer mit {H}-Erfahrung. Remote möglich!",
                    "Neuer Blogartikel: {H} für kleine Teams – ein Praxisleitfaden",
                    "Heute Abend Meetup zu {H}. Wer kommt mit?",
                    "MTTR um {N} % gesenkt, seit wir in {H} investiert haben.",
                    "Gerade das Postmortem veröffentlicht. Ursache: eine ungeprüfte Konfigurationsänderung.",
                    "{TOOL} auf v{V} aktualisiert. Nichts kaputt. Verdächtig."};
            case "fr": return new String[]{
                    "Retour d'expérience après un an de {H} en production 👇",
                    "{H}, ce n'est pas un outil, c'est une culture.",
                    "Quel est votre outil {H} préféré ? {TOOL} ou {TOOL2} ?",
                    "On recrute un·e ingénieur·e senior avec de l'expérience en {H}. Télétravail possible !",
                    "Nouvel article de blog : un guide pratique de {H} pour les petites équipes",
                    "Qui vient au meetup {H} ce soir ?",
                    "Nous avons réduit le MTTR de {N} % grâce à {H}.",
                    "Post-mortem publié. Cause racine : un changement de config non relu."};
            case "ja": return new String[]{
                    "本番環境で {H} を1年運用して学んだこと 👇",
                    "{H} はツールではなく文化です。",
                    "今日の勉強会は {H} について。資料は後で共有します！",
                    "{H} 導入でMTTRが{N}%短縮されました。",
                    "障害対応おつかれさまでした。ポストモーテムを公開しました。",
                    "みなさんのおすすめの {H} ツールは何ですか？ {TOOL} ？",
                    "{TOOL} を v{V} に上げました。何も壊れていない…怪しい。"};
            case "it": return new String[]{
                    "Lezioni imparate dopo un anno di {H} in produzione 👇",
                    "{H} non è uno strumento, è una cultura.",
                    "Stiamo assumendo un ingegnere senior con esperienza in {H}. Anche da remoto!",
                    "Nuovo articolo sul blog: guida pratica a {H} per team piccoli",
                    "Qual è il vostro strumento preferito per {H}?"};
            case "nl": return new String[]{
                    "Lessen na een jaar {H} in productie 👇",
                    "{H} is geen tool, het is een cultuur.",
                    "We zoeken een senior engineer met ervaring in {H}. Remote mogelijk!",
                    "Nieuwe blogpost: een praktische gids voor {H} voor kleine teams"};
            case "tr": return new String[]{
                    "Bir yıl boyunca üretimde {H} kullandıktan sonra öğrendiklerimiz 👇",
                    "{H} bir araç değil, bir kültürdür.",
                    "Ekibimize {H} deneyimli kıdemli mühendis arıyoruz. Uzaktan çalışma mümkün!",
                    "Yeni blog yazısı: küçük ekipler için {H} rehberi"};
            case "hi": return new String[]{
                    "प्रोडक्शन में एक साल {H} चलाने के बाद सीखी गई बातें 👇",
                    "{H} सिर्फ़ एक टूल नहीं, एक संस्कृति है।",
                    "आज शाम {H} पर मीटअप है, कौन आ रहा है?",
                    "नया ब्लॉग पोस्ट: छोटी टीमों के लिए {H} गाइड"};
            case "ko": return new String[]{
                    "프로덕션에서 1년 동안 {H} 를 운영하며 배운 점 👇",
                    "{H} 는 도구가 아니라 문화입니다.",
                    "{H} 경험이 있는 시니어 엔지니어를 채용합니다. 원격 근무 가능!",
                    "새 블로그 글: 작은 팀을 위한 {H} 가이드"};
            case "zh": return new String[]{
                    "在生产环境中使用 {H} 一年后的经验总结 👇",
                    "{H} 不是工具，而是一种文化。",
                    "招聘：有 {H} 经验的高级工程师，可远程！",
                    "新博客：小团队的 {H} 实践指南"};
            case "ru": return new String[]{
                    "Что мы узнали за год {H} в продакшене 👇",
                    "{H} — это не инструмент, а культура.",
                    "Ищем senior-инженера с опытом {H}. Можно удалённо!",
                    "Новая статья в блоге: практическое руководство по {H} для небольших команд"};
            case "pl": return new String[]{
                    "Czego nauczył nas rok {H} na produkcji 👇",
                    "{H} to nie narzędzie, to kultura.",
                    "Szukamy senior inżyniera z doświadczeniem w {H}. Praca zdalna!",
                    "Nowy wpis na blogu: praktyczny przewodnik po {H} dla małych zespołów"};
            case "id": return new String[]{
                    "Pelajaran setelah setahun menjalankan {H} di production 👇",
                    "{H} itu bukan tool, tapi budaya.",
                    "Kami sedang mencari senior engineer dengan pengalaman {H}. Bisa remote!",
                    "Artikel blog baru: panduan praktis {H} untuk tim kecil"};
            case "ar": return new String[]{
                    "ما تعلمناه بعد عام من استخدام {H} في بيئة الإنتاج 👇",
                    "{H} ليست أداة، بل ثقافة.",
                    "نبحث عن مهندس أول لديه خبرة في {H}. العمل عن بعد متاح!",
                    "مقال جديد: دليل عملي إلى {H} للفرق الصغيرة"};
            case "sv": return new String[]{
                    "Lärdomar efter ett år med {H} i produktion 👇",
                    "{H} är inte ett verktyg, det är en kultur.",
                    "Vi söker en senior utvecklare med erfarenhet av {H}. Distans går bra!",
                    "Nytt blogginlägg: en praktisk guide till {H} för små team"};
            case "und": return new String[]{
                    "🚀", "👀", "ok", "+1 💯", "🔥🔥🔥", "v{V} 🚀", "lol", "CI → CD → prod", "👩‍💻☕", "10/10",
                    "😂😂😂", "💯", "🤔", "gm ☕", "+1", "k8s ❤️", "{TAGS} 👀", "{TAGS} 🔥", "{TAGS} 🙌", "404 🙃",
                    "✅✅✅", "brb ☕", "...", "📈📈📈", "¯\\_(ツ)_/¯", "{N}%"};
            default: throw new IllegalArgumentException(lang);
        }
    }

    /** English sentences specific to one topic. */
    static String[] topicTemplates(String tag) {
        switch (tag) {
            case "devops": return new String[]{
                    "Shipping {N} deploys a day with a team of {N2}. {H} done right.",
                    "If your pipeline takes {N} minutes, that's a {H} problem, not a developer problem.",
                    "Platform teams are the new {H} teams. Change my mind.",
                    "Finally moved our last Jenkins job to GitHub Actions 🎉"};
            case "sre": return new String[]{
                    "Error budgets are a conversation tool, not a punishment.",
                    "On-call tip: write the runbook before the pager goes off.",
                    "Toil is anything you'd be embarrassed to still do by hand next quarter. {H}",
                    "Our p99 latency SLO is 300ms. We're at 280. Sweating. 😅"};
            case "microservices": return new String[]{
                    "We split the monolith into {N} {H}. Now we have {N2} problems.",
                    "Hot take: start with a modular monolith, not {H}.",
                    "Distributed transactions across {H} are where dreams go to die.",
                    "Service mesh or no service mesh? Asking for a friend."};
            case "observability": return new String[]{
                    "Logs, metrics, traces. Pick three. {H}",
                    "If you can't ask new questions of your system, you have monitoring, not {H}.",
                    "OpenTelemetry collector config is my new favourite YAML 🙃",
                    "High-cardinality data is where {H} gets real."};
            case "oauth": return new String[]{
                    "Use PKCE for every public client. No exceptions. {H}",
                    "Please stop putting access tokens in localStorage.",
                    "Refresh token rotation finally shipped in our {H} server 🎉",
                    "Implicit flow is deprecated. Yes, still. {H}"};
            case "metrics": return new String[]{
                    "If everything is a KPI, nothing is. {H}",
                    "Counter vs gauge vs histogram: a short thread 🧵",
                    "p50 lies. Look at p99. {H}",
                    "Our Prometheus has {N3}k active series and I'm scared."};
            case "openbanking": return new String[]{
                    "PSD3 is coming. Is your {H} API ready?",
                    "{N} banks now live on our {H} sandbox!",
                    "Consent management is the hardest part of {H}. Fight me.",
                    "Open finance is more than {H} with a new name."};
            case "remediation": return new String[]{
                    "Auto-remediation fixed {N} incidents overnight before anyone woke up.",
                    "Detection without {H} is just expensive alerting.",
                    "Patch Tuesday → {H} Wednesday → coffee Thursday ☕",
                    "Mean time to {H} matters more than mean time to detect."};
            case "logmonitoring": return new String[]{
                    "Our log volume doubled this month and nobody knows why 🙃",
                    "Structured logs or it didn't happen. {H}",
                    "grep is not a {H} strategy. (It kind of is.)",
                    "Alert on ERROR rate, not on single ERROR lines. Thank me later."};
            case "opentracing": return new String[]{
                    "Still migrating from OpenTracing to OpenTelemetry. Almost there.",
                    "{H} is archived, but our spans live on.",
                    "Context propagation across Kafka is the boss level of tracing.",
                    "Finally got traces flowing from the edge to the DB. {H} 🎉"};
            default: throw new IllegalArgumentException(tag);
        }
    }

    static final String[] BOT_TEMPLATES = {
            "New job: Senior {H} Engineer at {CO} ({JOBLOC}). Apply now 👉",
            "📰 This week in {H}: {N} new articles, {N2} releases and one very long postmortem.",
            "Trending in {H} today: {TOOL} v{V} released",
            "🔔 {TOOL} {V} is out. Changelog highlights below.",
            "Daily digest #{N3}: the best {H} links from the last 24h",
            "[JOB] {H} Engineer, {CO}, {JOBLOC}"};

    static final String[] ORG_TEMPLATES = {
            "Join our webinar on {H} next {DAY}! Seats are limited.",
            "Case study: how {CO} scaled {H} to {N3} services",
            "We're hiring {H} engineers in {JOBLOC}.",
            "Our {H} report for 2026 is out. Download it free.",
            "Meet us at booth {N} to talk about {H}! 👋"};

    static final String[] OUTAGE_TEMPLATES = {
            "Is anyone else seeing elevated 5xx from us-east-1? {H}",
            "Major cloud outage right now. Stay strong, on-call folks 💪",
            "This is why we practice failover. {H}",
            "Status page says \"degraded performance\". Our dashboards say otherwise 🙃",
            "Third incident call today. {H} runbooks paying off.",
            "Everything is on fire and our {H} just paged the whole team 🔥"};

    static final String[] PREFIX_EMOJI = {"🚀 ", "👩‍💻 ", "📣 ", "🔥 ", "💡 ", "🧑‍💻 ", "⚠️ ", "🎉 ", "🇪🇺 ", "🛠️ "};

    // ------------------------------------------------------------------ regions

    static final class Region {
        final String id, lang, names; final double weight, nativeShare; final int offset; final String[] locs;
        Region(String id, double weight, String lang, double nativeShare, int offset, String names, String... locs) {
            this.id = id; this.weight = weight; this.lang = lang; this.nativeShare = nativeShare;
            this.offset = offset; this.names = names; this.locs = locs;
        }
    }

    // Location "@N" suffix = UTC offset in minutes for that location (November, DST where applicable).
    static final Region[] REGIONS = {
            new Region("us", 24, "en", 0, -300, "en",
                    "San Francisco, CA@-480", "San Francisco@-480", "SF@-480", "Bay Area@-480", "San Jose, CA@-480",
                    "Seattle, WA@-480", "seattle@-480", "Portland, OR@-480", "Los Angeles, CA@-480", "LA@-480",
                    "Austin, TX@-360", "austin tx@-360", "Dallas, TX@-360", "Houston, TX@-360", "Denver, CO@-420",
                    "Chicago, IL@-360", "Chicago@-360", "New York, NY", "NYC", "New York", "Brooklyn, NY",
                    "Boston, MA", "Washington, DC", "DC", "Atlanta, GA", "Raleigh, NC", "Miami, FL",
                    "Minneapolis, MN@-360", "Pittsburgh, PA", "Salt Lake City, UT@-420", "Phoenix, AZ@-420",
                    "United States", "USA", "US", "🇺🇸", "Texas, USA@-360", "California@-480", "Colorado, USA@-420",
                    "Virginia, USA", "New Jersey", "Remote, USA@-360", "Earth (mostly Ohio)"),
            new Region("uk", 7, "en", 0, 0, "en",
                    "London", "London, England", "London, UK", "london", "Manchester", "Manchester, England",
                    "Edinburgh, Scotland", "Glasgow", "Bristol, UK", "Cambridge, UK", "Leeds", "Belfast, Northern Ireland",
                    "Cardiff, Wales", "Dublin, Ireland", "Dublin", "Cork, Ireland", "United Kingdom", "UK", "England",
                    "🇬🇧", "🇮🇪", "Scotland 🏴󠁧󠁢󠁳󠁣󠁴󠁿"),
            new Region("in", 9, "hi", 0.15, 330, "in",
                    "Bengaluru, India", "Bangalore", "bangalore", "Bengaluru, Karnataka", "Hyderabad, India", "Hyderabad",
                    "Pune, India", "Pune", "Mumbai, India", "Mumbai, Maharashtra", "New Delhi, India", "Delhi",
                    "Gurgaon, India", "Noida, India", "Chennai, India", "Chennai", "Kochi, Kerala", "India", "India 🇮🇳",
                    "🇮🇳", "भारत", "बेंगलुरु"),
            new Region("ca", 3, "en", 0, -300, "en",
                    "Toronto, ON", "Toronto, Ontario", "Vancouver, BC@-480", "Calgary, AB@-420", "Ottawa, ON",
                    "Waterloo, ON", "Canada", "🇨🇦", "Halifax, NS@-240"),
            new Region("qc", 1.5, "fr", 0.7, -300, "fr",
                    "Montréal, QC", "Montreal", "Québec, Canada", "Montréal 🇨🇦", "Laval, QC", "montreal"),
            new Region("au", 2.5, "en", 0, 660, "en",
                    "Sydney, Australia", "Sydney, NSW", "Melbourne, Victoria", "Melbourne", "Brisbane@600", "Perth, WA@480",
                    "Australia", "🇦🇺", "Auckland, New Zealand@780", "Wellington, NZ@780"),
            new Region("global", 6, "en", 0, 0, "en" /* locations: jokes only */),
            new Region("br", 9, "pt", 0.8, -180, "pt",
                    "São Paulo, Brasil", "São Paulo - SP", "Sao Paulo - SP", "sao paulo", "SP", "Rio de Janeiro - RJ",
                    "Rio de Janeiro, Brasil", "Belo Horizonte - MG", "BH", "Curitiba - PR", "Porto Alegre - RS",
                    "Florianópolis - SC", "Floripa", "Campinas - SP", "Recife - PE", "Fortaleza - CE", "Salvador - BA",
                    "Brasília - DF", "Goiânia - GO", "Manaus - AM@-240", "Brasil", "brasil", "Brazil", "🇧🇷",
                    "Brasil 🇧🇷", "São Paulo 🇧🇷"),
            new Region("pt", 1, "pt", 0.7, 0, "pt",
                    "Lisboa, Portugal", "Lisboa", "Lisbon", "Porto, Portugal", "Braga", "Coimbra", "Portugal", "🇵🇹"),
            new Region("es", 4, "es", 0.75, 60, "es",
                    "Madrid, España", "Madrid", "madrid", "Barcelona", "Barcelona, Catalunya", "Valencia, España",
                    "Valencia, Espana", "Sevilla", "Málaga", "Malaga", "Bilbao", "Zaragoza", "España", "Espana",
                    "Spain", "🇪🇸", "🇪🇸 Madrid", "Canarias@0"),
            new Region("latam", 6, "es", 0.8, -360, "es",
                    "Ciudad de México", "CDMX", "Mexico City", "México", "Guadalajara, Jalisco", "Monterrey, NL",
                    "Bogotá, Colombia@-300", "Bogota@-300", "Medellín, Colombia@-300", "Medellin@-300",
                    "Lima, Perú@-300", "Lima@-300", "Santiago, Chile@-180", "Buenos Aires, Argentina@-180",
                    "Buenos Aires@-180", "CABA@-180", "Córdoba, Argentina@-180", "Montevideo, Uruguay@-180",
                    "Quito, Ecuador@-300", "Caracas, Venezuela@-240", "San José, Costa Rica", "🇲🇽", "🇦🇷@-180",
                    "🇨🇴@-300", "Argentina@-180", "Chile@-180", "Colombia@-300"),
            new Region("dach", 6, "de", 0.65, 60, "de",
                    "Berlin", "Berlin, Deutschland", "Berlin, Germany", "München", "Muenchen", "Munich, Germany",
                    "Hamburg", "Hamburg, Germany", "Köln", "Koeln", "Frankfurt am Main", "Frankfurt", "Stuttgart",
                    "Düsseldorf", "Leipzig", "Dresden", "Karlsruhe", "Deutschland", "Germany", "🇩🇪",
                    "Wien, Österreich", "Wien", "Vienna, Austria", "Österreich", "Zürich, Schweiz",
                    "Zurich, Switzerland", "Schweiz", "Bern", "NRW", "Ruhrgebiet"),
            new Region("fr", 4, "fr", 0.75, 60, "fr",
                    "Paris, France", "Paris", "paris", "Lyon, France", "Lyon", "Toulouse", "Nantes", "Bordeaux", "Lille",
                    "Marseille", "Rennes", "Grenoble", "Montpellier", "Strasbourg", "France", "France 🇫🇷", "🇫🇷",
                    "Île-de-France", "Bruxelles, Belgique", "Genève, Suisse"),
            new Region("jp", 4, "ja", 0.85, 540, "ja",
                    "東京", "東京都", "東京都渋谷区", "東京 渋谷", "Tokyo", "Tokyo, Japan", "tokyo", "大阪", "大阪府",
                    "Osaka, Japan", "京都", "名古屋", "福岡", "札幌", "横浜", "日本", "Japan", "🇯🇵", "日本のどこか"),
            new Region("it", 2.5, "it", 0.7, 60, "it",
                    "Milano", "Milano, Italia", "Milan, Italy", "Roma", "Roma, Lazio", "Rome, Italy", "Torino", "Bologna",
                    "Firenze", "Napoli", "Italia", "Italy", "🇮🇹"),
            new Region("nl", 2.5, "nl", 0.7, 60, "nl",
                    "Amsterdam", "Amsterdam, Nederland", "Amsterdam, The Netherlands", "Rotterdam", "Utrecht",
                    "Den Haag", "Eindhoven", "Groningen", "Nederland", "The Netherlands", "Netherlands", "🇳🇱",
                    "Antwerpen, België", "Gent"),
            new Region("tr", 1.5, "tr", 0.7, 180, "tr",
                    "İstanbul", "Istanbul", "Istanbul, Türkiye", "istanbul", "Ankara", "Ankara, Türkiye", "İzmir",
                    "Izmir", "Türkiye", "Turkey", "🇹🇷"),
            new Region("kr", 1.3, "ko", 0.8, 540, "ko",
                    "서울", "서울특별시", "Seoul", "Seoul, Korea", "Seoul, Republic of Korea", "판교", "부산", "대한민국",
                    "South Korea", "🇰🇷"),
            new Region("cn", 1.3, "zh", 0.85, 480, "zh",
                    "北京", "北京市", "上海", "上海市", "深圳", "杭州", "广州", "成都", "Beijing, China", "Shanghai",
                    "Shenzhen, China", "中国", "台北", "台北市", "Taipei, Taiwan", "台灣", "香港", "Hong Kong", "🇨🇳", "🇹🇼"),
            new Region("ru", 1.3, "ru", 0.8, 180, "ru",
                    "Москва", "Москва, Россия", "Moscow", "Moscow, Russia", "Санкт-Петербург", "Saint Petersburg", "СПб",
                    "Новосибирск@420", "Екатеринбург@300", "Казань", "Россия", "Russia", "🇷🇺"),
            new Region("pl", 1.6, "pl", 0.75, 60, "pl",
                    "Warszawa", "Warszawa, Polska", "Warsaw, Poland", "Kraków", "Krakow", "Wrocław", "Wroclaw", "Gdańsk",
                    "Poznań", "Łódź", "Polska", "Poland", "🇵🇱"),
            new Region("id", 1.3, "id", 0.7, 420, "id",
                    "Jakarta", "Jakarta, Indonesia", "Jakarta Selatan", "Bandung", "Bandung, Jawa Barat", "Surabaya",
                    "Yogyakarta", "Jogja", "Bali@480", "Indonesia", "🇮🇩"),
            new Region("ar", 1.2, "ar", 0.7, 180, "ar",
                    "Dubai, UAE@240", "Dubai@240", "دبي@240", "Abu Dhabi@240", "Riyadh, Saudi Arabia", "الرياض",
                    "الرياض، المملكة العربية السعودية", "Jeddah", "جدة", "Cairo, Egypt@120", "القاهرة@120", "مصر@120",
                    "Doha, Qatar", "Amman, Jordan", "عمّان", "Kuwait", "Casablanca, Morocco@60", "🇸🇦", "🇦🇪@240",
                    "🇪🇬@120"),
            new Region("se", 1.4, "sv", 0.7, 60, "sv",
                    "Stockholm", "Stockholm, Sverige", "Stockholm, Sweden", "Göteborg", "Gothenburg", "Göteborg, Sverige",
                    "Malmö", "Malmo", "Uppsala", "Sverige", "Sweden", "🇸🇪"),
    };

    static final String[] JOKE_LOCATIONS = {"Earth", "Planet Earth", "localhost", "127.0.0.1", "127.0.0.1:8080",
            "somewhere in the cloud", "🌍", "🌎", "🌏", "Remote", "remote", "Remote 🌍", "Worldwide", "the internet",
            "Internet", "/dev/null", "us-east-1", "eu-west-1", "☁️", "In a container 🐳", "on call", "Between deploys",
            "C:\\Windows\\System32", "404", "Everywhere", "Mars", "~", "Home", "\"the cloud\"", "Hell (on-call)",
            "Wherever the Wi-Fi is", "💻", "Narnia", "0.0.0.0/0"};

    static final int[] GLOBAL_OFFSETS = {-480, -300, -300, 0, 60, 60, 120, 330, 480, 540};

    // ------------------------------------------------------------------ names

    static String[] latinFirst(String kind) {
        switch (kind) {
            case "en": return new String[]{"James", "Mary", "Michael", "Jennifer", "David", "Sarah", "Chris", "Emily",
                    "Alex", "Jessica", "Ryan", "Ashley", "Kevin", "Megan", "Brian", "Lauren", "Jason", "Rachel", "Tyler",
                    "Priya", "Wei", "Carlos", "Aisha", "Omar", "Kelsey", "Dan", "Matt", "Katie", "Sam", "Jordan",
                    "Nate", "Olivia", "Ethan", "Hannah", "Zoë", "Liam", "Nora", "Renée", "Ben", "Grace"};
            case "in": return new String[]{"Rahul", "Priya", "Amit", "Sneha", "Vikram", "Ananya", "Arjun", "Deepika",
                    "Rohan", "Kavya", "Suresh", "Pooja", "Karthik", "Divya", "Aditya", "Neha", "Sanjay", "Lakshmi"};
            case "pt": return new String[]{"João", "Maria", "José", "Ana", "Lucas", "Juliana", "Pedro", "Fernanda",
                    "Gabriel", "Camila", "Rafael", "Beatriz", "Thiago", "Larissa", "Matheus", "Letícia", "Vinícius", "Luíza"};
            case "es": return new String[]{"José", "María", "Carlos", "Lucía", "Javier", "Sofía", "Diego", "Valentina",
                    "Alejandro", "Camila", "Andrés", "Paula", "Miguel", "Isabel", "Sergio", "Marta", "Íñigo", "Begoña"};
            case "de": return new String[]{"Lukas", "Anna", "Jonas", "Lena", "Felix", "Marie", "Maximilian", "Sophie",
                    "Tobias", "Julia", "Jan", "Katharina", "Sebastian", "Laura", "Jürgen", "Sören", "Jörg", "Birgit"};
            case "fr": return new String[]{"Jean", "Marie", "Pierre", "Camille", "Nicolas", "Léa", "Julien", "Chloé",
                    "Thomas", "Manon", "Mathieu", "Élodie", "François", "Hélène", "Antoine", "Gaëlle"};
            case "it": return new String[]{"Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo",
                    "Sara", "Lorenzo", "Elena", "Davide", "Niccolò"};
            case "nl": return new String[]{"Daan", "Emma", "Sem", "Sophie", "Lucas", "Julia", "Bram", "Tess", "Thijs",
                    "Anouk", "Joost", "Maartje"};
            case "tr": return new String[]{"Mehmet", "Ayşe", "Mustafa", "Fatma", "Ahmet", "Zeynep", "Emre", "Elif",
                    "Burak", "Merve", "Can", "Gülşen"};
            case "pl": return new String[]{"Piotr", "Anna", "Krzysztof", "Katarzyna", "Tomasz", "Magdalena", "Paweł",
                    "Agnieszka", "Michał", "Łukasz"};
            case "id": return new String[]{"Budi", "Siti", "Agus", "Dewi", "Andi", "Putri", "Rizky", "Ayu", "Fajar",
                    "Indah", "Dimas"};
            case "sv": return new String[]{"Erik", "Anna", "Lars", "Maria", "Johan", "Sara", "Anders", "Emma", "Karl",
                    "Linnea", "Björn"};
            default: throw new IllegalArgumentException(kind);
        }
    }

    static String[] latinLast(String kind) {
        switch (kind) {
            case "en": return new String[]{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
                    "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Lee", "Clark", "Lewis", "Walker",
                    "Young", "Allen", "King", "Wright", "Scott", "Nguyen", "Patel", "Kim", "O'Brien", "Murphy",
                    "Kelly", "Chen", "García", "Okafor", "Kowalczyk", "MacLeod"};
            case "in": return new String[]{"Sharma", "Verma", "Patel", "Gupta", "Reddy", "Iyer", "Nair", "Singh",
                    "Kumar", "Rao", "Menon", "Joshi", "Das", "Mehta", "Krishnan"};
            case "pt": return new String[]{"Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa",
                    "Ferreira", "Rodrigues", "Almeida", "Carvalho", "Gonçalves", "Araújo"};
            case "es": return new String[]{"García", "Martínez", "López", "Sánchez", "Pérez", "González", "Rodríguez",
                    "Fernández", "Gómez", "Díaz", "Ruiz", "Hernández", "Jiménez", "Muñoz"};
            case "de": return new String[]{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
                    "Becker", "Schulz", "Hoffmann", "Koch", "Groß", "Schäfer", "Köhler"};
            case "fr": return new String[]{"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
                    "Durand", "Leroy", "Moreau", "Lefèvre", "Girard", "Rousseau"};
            case "it": return new String[]{"Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo",
                    "Ricci", "Marino", "Greco", "Bruno"};
            case "nl": return new String[]{"de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",
                    "Visser", "Smit", "Meijer", "de Boer"};
            case "tr": return new String[]{"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın",
                    "Arslan"};
            case "pl": return new String[]{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski",
                    "Zieliński", "Szymański"};
            case "id": return new String[]{"Santoso", "Wijaya", "Saputra", "Pratama", "Hidayat", "Nugroho",
                    "Kurniawan", "Setiawan", ""};
            case "sv": return new String[]{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
                    "Olsson", "Persson", "Lindström", "Åberg"};
            default: throw new IllegalArgumentException(kind);
        }
    }

    /** Native-script names as "native/Romanized" pairs: [0] = first names, [1] = family names. */
    static String[][] nativeNames(String kind) {
        switch (kind) {
            case "ja": return new String[][]{
                    {"太郎/Taro", "花子/Hanako", "健/Ken", "翔太/Shota", "美咲/Misaki", "大輔/Daisuke", "由美/Yumi", "拓也/Takuya", "さくら/Sakura"},
                    {"田中/Tanaka", "鈴木/Suzuki", "佐藤/Sato", "高橋/Takahashi", "伊藤/Ito", "渡辺/Watanabe", "山本/Yamamoto", "中村/Nakamura"}};
            case "ko": return new String[][]{
                    {"민준/Minjun", "서연/Seoyeon", "지훈/Jihoon", "수빈/Subin", "현우/Hyunwoo", "지민/Jimin"},
                    {"김/Kim", "이/Lee", "박/Park", "최/Choi", "정/Jung"}};
            case "zh": return new String[][]{
                    {"伟/Wei", "芳/Fang", "磊/Lei", "静/Jing", "强/Qiang", "敏/Min", "浩然/Haoran", "雨桐/Yutong"},
                    {"李/Li", "王/Wang", "张/Zhang", "刘/Liu", "陈/Chen", "杨/Yang"}};
            case "ru": return new String[][]{
                    {"Иван/Ivan", "Алексей/Alexey", "Мария/Maria", "Дмитрий/Dmitry", "Анна/Anna", "Сергей/Sergey", "Ольга/Olga"},
                    {"Иванов/Ivanov", "Смирнов/Smirnov", "Кузнецов/Kuznetsov", "Соколов/Sokolov", "Волков/Volkov", "Орлов/Orlov"}};
            case "ar": return new String[][]{
                    {"محمد/Mohammed", "أحمد/Ahmed", "فاطمة/Fatima", "عمر/Omar", "سارة/Sara", "خالد/Khalid", "ليلى/Layla"},
                    {"العتيبي/Alotaibi", "الحربي/Alharbi", "حسن/Hassan", "السيد/Elsayed", "المنصوري/Almansoori"}};
            case "in": return new String[][]{
                    {"राहुल/Rahul", "प्रिया/Priya", "अमित/Amit", "स्नेहा/Sneha", "विक्रम/Vikram"},
                    {"शर्मा/Sharma", "वर्मा/Verma", "गुप्ता/Gupta", "सिंह/Singh"}};
            default: return null;
        }
    }

    static final String[] NAME_EMOJI = {"🚀", "☁️", "🐳", "☕", "🔥", "💻", "👩‍💻", "👨‍💻", "🧑‍💻", "✨", "🌈", "🐧", "🦀",
            "☸️", "📈", "🏳️‍🌈", "🇺🇦"};
    static final String[] ROLES = {"SRE", "DevOps", "Platform Eng", "Cloud Architect", "CTO @ startup", "Dev Advocate",
            "Staff Eng", "on-call"};
    static final String[] USER_ROLES = {"dev", "ops", "sre", "codes", "cloud", "tech", "io", "eng", "k8s", "infra"};
    static final String[] SPECIAL_NAMES = {"Mike \"pager\" Chen", "\"Null\" Pointer", "C:\\Users\\ops", "root@prod:~#",
            "404 Sleep Not Found", "YAML Engineer ☸️", "sudo rm -rf ✨", "🔥 This Is Fine 🔥", "ｆｕｌｌｗｉｄｔｈ ｏｐｓ",
            "Zoë 🏳️‍🌈", "Đorđe Ćirić", "the pager ate my weekend", "¯\\_(ツ)_/¯", "Ops Person 🫠"};
    static final String[] SPECIAL_HANDLES = {"k8s_whisperer", "yaml_engineer", "null_pointer", "pagerduty_dan",
            "cloud_wrangler", "theopsgoblin", "itworkslocally", "rm_rf_slash", "chaos_monkey_", "ssh_root"};
    static final String[] ORG_PREFIX = {"Cloud", "Stack", "Kube", "Ops", "Dev", "Byte", "Log", "Trace", "Metric",
            "Infra", "Deploy", "Pipeline", "Pager", "Node", "Data", "Bank", "Auth", "Mesh"};
    static final String[] ORG_SUFFIX = {"Labs", "Weekly", "Daily", "News", "Jobs", "Hub", "HQ", "Works", "Insights",
            "Digest", "Academy", "Radar"};

    static final String[] FLAGS_BY_REGION_ID = {"us", "🇺🇸", "uk", "🇬🇧", "in", "🇮🇳", "ca", "🇨🇦", "qc", "🇨🇦",
            "au", "🇦🇺", "br", "🇧🇷", "pt", "🇵🇹", "es", "🇪🇸", "latam", "🇲🇽", "dach", "🇩🇪", "fr", "🇫🇷", "jp", "🇯🇵",
            "it", "🇮🇹", "nl", "🇳🇱", "tr", "🇹🇷", "kr", "🇰🇷", "cn", "🇨🇳", "ru", "🇷🇺", "pl", "🇵🇱", "id", "🇮🇩",
            "ar", "🇸🇦", "se", "🇸🇪", "global", "🌍"};

    static String flagOf(Region r) {
        for (int i = 0; i < FLAGS_BY_REGION_ID.length; i += 2) if (FLAGS_BY_REGION_ID[i].equals(r.id)) return FLAGS_BY_REGION_ID[i + 1];
        return "🌍";
    }

    static String asciiFold(String s) {
        String t = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        t = t.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ß", "ss").replace("ø", "o")
                .replace("Ø", "O").replace("đ", "d").replace("Đ", "D").replace("æ", "ae");
        return t.replaceAll("[^A-Za-z0-9_]", "");
    }

    // ------------------------------------------------------------------ model

    enum Kind { PERSON, ORG, BOT, INFLUENCER }

    static final class Author {
        String id, username, name, location; // location == null: field absent
        Region region; int offset; Kind kind; boolean nativeWriter; String homeTag; int postCount;
        double followers, following, tweets, listed, trend, otherTweetsPerDay;
        int cadenceMin, phaseMin; // bots: scheduled every cadenceMin minutes, phaseMin past the slot
        final List<Post> posts = new ArrayList<>();
    }

    static final class Hashtag { int start, end; String tag; }

    static final class Post {
        Author author; long ms; long id; String createdAt, text, lang; boolean showMillis, spike;
        List<String> trackedKeys = new ArrayList<>(); // distinct, lowercase
        List<Hashtag> hashtags = new ArrayList<>();
        long retweets, replies, likes, quotes, bookmarks, impressions;
        long snapFollowers, snapFollowing, snapTweets, snapListed; // author as of this post
    }

    // ------------------------------------------------------------------ authors

    static final Set<String> usedUsernames = new HashSet<>(); // lowercase; membership only
    static final Set<String> usedUserIds = new HashSet<>();   // membership only

    static Region pickRegion() {
        double total = 0;
        for (Region r : REGIONS) total += r.weight;
        double u = rnd() * total;
        for (Region r : REGIONS) { u -= r.weight; if (u < 0) return r; }
        return REGIONS[REGIONS.length - 1];
    }

    static String uniqueUsername(String base) {
        base = asciiFold(base);
        if (base.isEmpty()) base = "user";
        if (base.length() > 15) base = base.substring(0, 15);
        if (usedUsernames.add(base.toLowerCase(Locale.ROOT))) return base;
        while (true) {
            String digits = Integer.toString(rint(1, chance(0.5) ? 99 : 9999));
            String b = base.length() + digits.length() > 15 ? base.substring(0, 15 - digits.length()) : base;
            String cand = (chance(0.2) && b.length() + digits.length() < 15 ? b + "_" : b) + digits;
            if (usedUsernames.add(cand.toLowerCase(Locale.ROOT))) return cand;
        }
    }

    static String newUserId() {
        while (true) {
            String id;
            if (chance(0.35)) { // pre-2013 accounts: short numeric ids
                id = Long.toString(1_000_000L + (long) (rnd() * 3_300_000_000L));
            } else {             // newer accounts: snowflake ids (18-19 digits)
                long created = Instant.parse("2013-06-01T00:00:00Z").toEpochMilli()
                        + (long) (rnd() * (Instant.parse("2026-10-31T00:00:00Z").toEpochMilli()
                        - Instant.parse("2013-06-01T00:00:00Z").toEpochMilli()));
                id = Long.toString(((created - TWEPOCH) << 22) | R.nextInt(1 << 22));
            }
            if (!id.equals("1234") && usedUserIds.add(id)) return id;
        }
    }

    static int personPostCount() {
        String b = wpick("1", 44, "2", 24, "3", 12, "4-6", 10, "7-12", 6, "13-25", 3, "26-45", 1);
        switch (b) {
            case "4-6": return rint(4, 6);
            case "7-12": return rint(7, 12);
            case "13-25": return rint(13, 25);
            case "26-45": return rint(26, 45);
            default: return Integer.parseInt(b);
        }
    }

    static final double[] INFLUENCER_FOLLOWERS = {1_950_000, 880_000, 420_000, 260_000, 150_000};
    static final int[] INFLUENCER_SLOTS = {7, 40, 123, 300, 777};

    static Author newAuthor(int index) {
        Author a = new Author();
        a.id = newUserId();
        int infl = Arrays.binarySearch(INFLUENCER_SLOTS, index);
        double u = rnd();
        a.kind = infl >= 0 ? Kind.INFLUENCER : u < 0.008 ? Kind.BOT : u < 0.04 ? Kind.ORG : Kind.PERSON;
        a.region = (a.kind == Kind.BOT) ? REGIONS[6] /* global */ : pickRegion();
        a.homeTag = wpick(POPULARITY);
        a.nativeWriter = a.kind != Kind.BOT && chance(a.region.nativeShare);

        // display name + username
        String roman;
        if (a.kind == Kind.BOT || a.kind == Kind.ORG) {
            String topic = plainWord(a.homeTag).replace(" ", "");
            String brand = chance(0.5) ? pick(ORG_PREFIX) + pick(ORG_SUFFIX)
                    : (Character.toUpperCase(topic.charAt(0)) + topic.substring(1)) + pick(ORG_SUFFIX);
            if (a.kind == Kind.BOT) {
                a.name = brand + " Bot 🤖";
                a.username = uniqueUsername(brand.length() > 11 ? brand.substring(0, 11) + "_bot" : brand + "_bot");
            } else {
                a.name = chance(0.3) ? brand.replaceAll("([a-z])([A-Z])", "$1 $2") : brand;
                a.username = uniqueUsername(chance(0.5) ? brand : brand.toLowerCase(Locale.ROOT));
            }
        } else {
            String kind = a.region.names;
            String[][] nat = nativeNames(a.region.lang.equals("hi") ? "in" : kind);
            String first, last;
            String display;
            if (nat != null && chance(kind.equals("in") ? 0.12 : 0.55)) {
                String[] f = pick(nat[0]).split("/"), l = pick(nat[1]).split("/");
                first = f[1]; last = l[1];
                switch (kind) {
                    case "ja": display = l[0] + (chance(0.6) ? " " : "") + f[0]; break;
                    case "ko": case "zh": display = l[0] + f[0]; break;
                    default: display = f[0] + " " + l[0];
                }
            } else {
                String latinKind = nat != null && !kind.equals("in") ? "en" : kind;
                if (nat != null && !kind.equals("in")) { // romanized native names
                    String[] f = pick(nat[0]).split("/"), l = pick(nat[1]).split("/");
                    first = f[1]; last = l[1];
                } else {
                    first = pick(latinFirst(latinKind)); last = pick(latinLast(latinKind));
                }
                display = last.isEmpty() ? first : first + " " + last;
                double d = rnd();
                if (d < 0.14) display = first;
                else if (d < 0.17) display = display.toLowerCase(Locale.ROOT);
                else if (d < 0.19) display = "Dr. " + display;
            }
            double deco = rnd();
            if (deco < 0.06) display += " " + pick(NAME_EMOJI);
            else if (deco < 0.11) display += " " + flagOf(a.region);
            else if (deco < 0.15) display += " | " + pick(ROLES);
            else if (deco < 0.17) display += " " + pick(new String[]{"(she/her)", "(he/him)", "(they/them)"});
            if (chance(0.012)) display = pick(SPECIAL_NAMES);
            a.name = display;

            String fl = asciiFold(first).toLowerCase(Locale.ROOT), ll = asciiFold(last).toLowerCase(Locale.ROOT);
            if (fl.isEmpty()) fl = "dev";
            String base;
            switch (R.nextInt(12)) {
                case 0: case 1: base = fl + ll; break;
                case 2: base = fl + "_" + ll; break;
                case 3: base = (fl.charAt(0)) + ll; break;
                case 4: base = fl + (ll.isEmpty() ? "" : ll.substring(0, 1)); break;
                case 5: base = fl + "_" + pick(USER_ROLES); break;
                case 6: base = pick(USER_ROLES) + "_" + fl; break;
                case 7: base = fl + ll + rint(10, 99); break;
                case 8: base = (ll.isEmpty() ? "the" : ll) + "_" + fl; break;
                case 9: base = fl + rint(1970, 2004); break;
                case 10: base = capitalize(fl) + capitalize(ll); break;
                default: base = chance(0.3) ? pick(SPECIAL_HANDLES) : fl + "_" + pick(USER_ROLES) + rint(1, 9);
            }
            if (chance(0.004)) base = "" + (char) ('a' + R.nextInt(26)) + (char) ('a' + R.nextInt(26));
            if (chance(0.05)) base = base.toUpperCase(Locale.ROOT);
            a.username = uniqueUsername(base);
        }

        // location
        double lu = rnd();
        String rawLoc;
        if (a.kind == Kind.BOT) rawLoc = chance(0.5) ? null : pick(JOKE_LOCATIONS);
        else if (lu < 0.11) rawLoc = null;                     // field absent
        else if (lu < 0.15) rawLoc = "";                       // present but empty
        else if (lu < 0.22 || a.region.locs.length == 0) rawLoc = pick(JOKE_LOCATIONS);
        else rawLoc = pick(a.region.locs);
        a.offset = a.region.id.equals("global") ? GLOBAL_OFFSETS[R.nextInt(GLOBAL_OFFSETS.length)] : a.region.offset;
        if (rawLoc != null && a.region.locs.length > 0) {
            int at = rawLoc.lastIndexOf('@');
            if (at > 0 && Arrays.asList(a.region.locs).contains(rawLoc)) {
                a.offset = Integer.parseInt(rawLoc.substring(at + 1));
                rawLoc = rawLoc.substring(0, at);
            }
        }
        a.location = rawLoc;

        // activity and audience
        switch (a.kind) {
            case BOT: a.postCount = rint(15, 70); a.cadenceMin = pick(new Integer[]{15, 30, 60, 120});
                a.phaseMin = R.nextInt(a.cadenceMin); a.followers = logNormal(7.0, 1.4); a.following = rint(0, 40);
                a.otherTweetsPerDay = 0; break;
            case ORG: a.postCount = rint(4, 25); a.followers = logNormal(8.5, 1.3); a.following = logNormal(5, 1);
                a.otherTweetsPerDay = logNormal(0.5, 0.7); break;
            case INFLUENCER: a.postCount = rint(6, 20); a.followers = INFLUENCER_FOLLOWERS[infl] * uni(0.95, 1.02);
                a.following = logNormal(6.5, 0.8); a.otherTweetsPerDay = logNormal(2, 0.5); break;
            default: a.postCount = personPostCount();
                a.followers = chance(0.03) ? 0 : logNormal(5.3, 1.8);
                a.following = logNormal(5.5, 1.2); a.otherTweetsPerDay = logNormal(0, 1.1);
        }
        a.followers = StrictMath.min(a.followers, 2_000_000);
        a.tweets = StrictMath.floor(logNormal(7.3, 1.6)) + a.postCount;
        a.listed = StrictMath.floor(a.followers / uni(40, 250));
        double t = rnd();
        a.trend = t < 0.80 ? uni(0.0002, 0.004) : t < 0.95 ? uni(-0.002, 0) : uni(0.004, 0.02);
        return a;
    }

    static String capitalize(String s) { return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1); }

    // ------------------------------------------------------------------ time

    static final double[] HOUR_WEIGHT = {0.15, 0.08, 0.05, 0.04, 0.04, 0.08, 0.20, 0.45, 0.80, 1.00, 1.00, 0.95,
            0.75, 0.85, 0.95, 0.95, 0.90, 0.75, 0.55, 0.45, 0.45, 0.40, 0.33, 0.22};
    static final long SPIKE_START = Instant.parse("2026-11-17T13:40:00Z").toEpochMilli();
    static final long SPIKE_END = Instant.parse("2026-11-17T19:10:00Z").toEpochMilli();

    static long sampleTime(Author a, boolean spike) {
        if (spike) return SPIKE_START + (long) (rnd() * (SPIKE_END - SPIKE_START));
        if (a.kind == Kind.BOT) { // scheduled: fixed cadence and phase, a few ms to a few seconds late
            long slots = 7L * 24 * 60 / a.cadenceMin;
            long slot = (long) (rnd() * slots);
            return START_MS + (slot * a.cadenceMin + a.phaseMin) * 60_000L + (chance(0.5) ? R.nextInt(300) : R.nextInt(9000));
        }
        while (true) {
            long t = START_MS + (long) (rnd() * (END_MS - START_MS));
            long local = t + a.offset * 60_000L;
            int hour = (int) Math.floorMod(local / 3_600_000L, 24L);
            DayOfWeek dow = LocalDateTime.ofEpochSecond(Math.floorDiv(local, 1000L), 0, ZoneOffset.UTC).getDayOfWeek();
            double w = HOUR_WEIGHT[hour] * ((dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) ? 0.45 : 1.0);
            if (a.kind == Kind.ORG && (hour < 7 || hour > 19)) w *= 0.3;
            if (rnd() < w) return t;
        }
    }

    // ------------------------------------------------------------------ posts

    static String fill(String tpl) {
        String s = tpl;
        if (s.contains("{N}")) s = s.replace("{N}", Integer.toString(rint(2, 60)));
        if (s.contains("{N2}")) s = s.replace("{N2}", Integer.toString(rint(2, 40)));
        if (s.contains("{N3}")) s = s.replace("{N3}", Integer.toString(rint(100, 999)));
        if (s.contains("{V}")) s = s.replace("{V}", rint(1, 4) + "." + rint(0, 30) + (chance(0.5) ? "." + rint(0, 9) : ""));
        if (s.contains("{TOOL}")) {
            String t1 = pick(TOOLS), t2 = pick(TOOLS);
            while (t2.equals(t1)) t2 = pick(TOOLS);
            s = s.replace("{TOOL}", t1).replace("{TOOL2}", t2);
        }
        if (s.contains("{CO}")) s = s.replace("{CO}", pick(COMPANIES));
        if (s.contains("{JOBLOC}")) s = s.replace("{JOBLOC}", pick(JOBLOCS));
        if (s.contains("{DAY}")) s = s.replace("{DAY}", pick(DAYS));
        return s;
    }

    static Post newPost(Author a) {
        Post p = new Post();
        p.author = a;
        p.spike = a.kind != Kind.BOT && chance(0.025);
        p.ms = sampleTime(a, p.spike);

        // language / kind of text
        double k = rnd();
        boolean und = a.kind == Kind.PERSON && k < 0.065;
        boolean qht = a.kind != Kind.BOT && k >= 0.065 && k < 0.071;
        String lang;
        if (und) lang = "und";
        else if (qht) lang = "qht";
        else if (a.region.lang.equals("en") || a.kind == Kind.BOT) lang = "en";
        else lang = chance(a.nativeWriter ? 0.85 : 0.03) ? a.region.lang : "en";
        p.lang = lang;

        // tracked tags
        String primary;
        if (p.spike) primary = wpick("sre", 5, "devops", 3, "remediation", 2, "observability", 2, "logmonitoring", 1);
        else primary = chance(0.55) ? a.homeTag : wpick(POPULARITY);
        p.trackedKeys.add(primary);
        double e = rnd();
        int extra = e < 0.06 ? 2 : e < 0.24 ? 1 : 0;
        for (int i = 0; i < extra; i++) {
            List<Object> cand = new ArrayList<>();
            for (String t : p.trackedKeys) {
                Object[] aff = affinity(t);
                for (int j = 0; j < aff.length; j += 2) if (!p.trackedKeys.contains((String) aff[j])) { cand.add(aff[j]); cand.add(aff[j + 1]); }
            }
            if (cand.isEmpty()) break;
            String next = wpick(cand.toArray());
            if (!p.trackedKeys.contains(next)) p.trackedKeys.add(next);
        }

        // untracked tags
        String nu = wpick("0", 45, "1", 30, "2", 17, "3", 8);
        List<String> untracked = new ArrayList<>();
        Set<String> seenLower = new HashSet<>(p.trackedKeys); // membership only
        for (int i = 0, n = Integer.parseInt(nu); i < n; i++) {
            double s = rnd();
            String t = s < 0.5 ? pick(relatedTags(pick(p.trackedKeys)))
                    : s < 0.8 || lang.equals("en") || lang.equals("und") || lang.equals("qht") ? pick(GENERAL_TAGS)
                    : pick(langTags(lang));
            String low = t.toLowerCase(Locale.ROOT);
            if (TRACKED_SET.contains(low)) throw new IllegalStateException("untracked pool holds tracked tag " + t);
            if (seenLower.add(low)) untracked.add(t);
        }

        // assemble text
        String primaryDisplay = casing(primary);
        List<String> trailing = new ArrayList<>();
        for (int i = 1; i < p.trackedKeys.size(); i++) trailing.add(casing(p.trackedKeys.get(i)));
        trailing.addAll(untracked);
        Collections.shuffle(trailing, R);

        if (qht) {
            List<String> all = new ArrayList<>(trailing);
            all.add(R.nextInt(all.size() + 1), primaryDisplay);
            buildText(p, "", null, false, null, all, " ", null);
            return p;
        }
        String tpl;
        if (und) tpl = pick(templates("und"));
        else if (p.spike && lang.equals("en")) tpl = pick(OUTAGE_TEMPLATES);
        else if (a.kind == Kind.BOT) tpl = pick(BOT_TEMPLATES);
        else if (a.kind == Kind.ORG && lang.equals("en") && chance(0.6)) tpl = pick(ORG_TEMPLATES);
        else if (lang.equals("en") && chance(0.45)) tpl = pick(topicTemplates(primary));
        else tpl = pick(templates(lang));
        tpl = fill(tpl);
        boolean hasSlot = tpl.contains("{H}");
        boolean slotAtEnd = tpl.endsWith("{H}") || tpl.endsWith("{H} 🎉");
        boolean inline = hasSlot && (slotAtEnd || chance(0.45));
        if (!inline) trailing.add(0, primaryDisplay);
        else if (chance(0.012)) { // same tag twice, different casing (happens in real posts)
            String alt = primaryDisplay.equals(primary) ? capitalize(primary) : primary;
            if (!alt.equals(primaryDisplay)) trailing.add(alt);
        }
        String prefix = (!und && chance(0.08)) ? pick(PREFIX_EMOJI) : "";
        String sep = chance(0.12) ? "\n\n" : chance(0.03) ? "\n" : " ";
        buildText(p, prefix, tpl, inline, primaryDisplay, trailing, sep, plainWord(primary));
        // keep within 280 code points by dropping untracked tags
        while (p.text.codePointCount(0, p.text.length()) > 280 && !untracked.isEmpty()) {
            trailing.remove(untracked.remove(untracked.size() - 1));
            buildText(p, prefix, tpl, inline, primaryDisplay, trailing, sep, plainWord(primary));
        }
        return p;
    }

    /**
     * Builds p.text and p.hashtags. tpl may contain {H} (replaced by primary hashtag when inline, otherwise by the
     * plain word) and {TAGS} (where the trailing block goes; default: appended after sep).
     */
    static void buildText(Post p, String prefix, String tpl, boolean inline, String primaryTag, List<String> trailing,
                          String sep, String word) {
        StringBuilder sb = new StringBuilder(prefix);
        List<int[]> spans = new ArrayList<>(); // char [start, end)
        List<String> tags = new ArrayList<>();
        if (tpl == null) { // hashtags only
            appendTags(sb, trailing, spans, tags);
        } else {
            String body = tpl;
            int h = body.indexOf("{H}");
            int tagsAt = body.indexOf("{TAGS}");
            if (tagsAt >= 0) {
                sb.append(body, 0, tagsAt);
                appendTags(sb, trailing, spans, tags);
                sb.append(body.substring(tagsAt + 6));
            } else {
                if (h >= 0) {
                    sb.append(body, 0, h);
                    if (inline) {
                        spans.add(new int[]{sb.length(), sb.length() + 1 + primaryTag.length()});
                        tags.add(primaryTag);
                        sb.append('#').append(primaryTag);
                    } else {
                        sb.append(h == 0 ? capitalize(word) : word);
                    }
                    sb.append(body.substring(h + 3));
                } else {
                    sb.append(body);
                }
                if (!trailing.isEmpty()) { sb.append(sep); appendTags(sb, trailing, spans, tags); }
            }
        }
        p.text = sb.toString();
        p.hashtags.clear();
        for (int i = 0; i < spans.size(); i++) {
            int[] s = spans.get(i);
            checkBoundary(p.text, s[0], s[1]);
            Hashtag ht = new Hashtag();
            ht.start = p.text.codePointCount(0, s[0]);
            ht.end = p.text.codePointCount(0, s[1]);
            ht.tag = tags.get(i);
            p.hashtags.add(ht);
        }
    }

    static void appendTags(StringBuilder sb, List<String> list, List<int[]> spans, List<String> tags) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) sb.append(' ');
            spans.add(new int[]{sb.length(), sb.length() + 1 + list.get(i).length()});
            tags.add(list.get(i));
            sb.append('#').append(list.get(i));
        }
    }

    /** Checks that X's hashtag parser would see exactly this span as a hashtag. */
    static void checkBoundary(String text, int start, int end) {
        if (text.charAt(start) != '#') throw new IllegalStateException("no # at " + start + ": " + text);
        if (start > 0) {
            int before = text.codePointBefore(start);
            if (Character.isLetterOrDigit(before) || before == '_' || before == '&')
                throw new IllegalStateException("hashtag glued to previous word: " + text);
        }
        if (end < text.length()) {
            int after = text.codePointAt(end);
            if (Character.isLetterOrDigit(after) || after == '_' || Character.getType(after) == Character.NON_SPACING_MARK)
                throw new IllegalStateException("hashtag glued to next word: " + text);
        }
        boolean letter = false;
        for (int i = start + 1; i < end; ) {
            int c = text.codePointAt(i);
            if (Character.isLetter(c)) letter = true;
            else if (!(Character.isDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK
                    || Character.getType(c) == Character.COMBINING_SPACING_MARK))
                throw new IllegalStateException("bad hashtag char in: " + text.substring(start, end));
            i += Character.charCount(c);
        }
        if (!letter) throw new IllegalStateException("numeric-only hashtag: " + text);
    }

    // ------------------------------------------------------------------ main

    public static void main(String[] args) throws IOException {
        if (!"é日🚀".equals("\u00e9\u65e5\ud83d\ude80")) {
            System.err.println("This source was not decoded as UTF-8. Re-run with: java -Dfile.encoding=UTF-8 "
                    + "tools/demo/GenerateDemoData.java <outDir>");
            System.exit(2);
        }
        Path out = Paths.get(args.length > 0 ? args[0] : "src/main/resources/demo/x");

        // 1. authors and their posts
        List<Author> authors = new ArrayList<>();
        List<Post> posts = new ArrayList<>();
        while (posts.size() < TARGET_POSTS) {
            Author a = newAuthor(authors.size());
            authors.add(a);
            for (int i = 0; i < a.postCount; i++) { Post p = newPost(a); a.posts.add(p); posts.add(p); }
        }

        // 2. a few exact-millisecond collisions between different authors (real data has them)
        for (int forced = 0; forced < 4; ) {
            Post x = pick(posts), y = pick(posts);
            if (x.author != y.author && x.author.kind != Kind.BOT && y.author.kind != Kind.BOT) { y.ms = x.ms; forced++; }
        }

        // 3. snowflake ids, increasing with time; equal ms -> distinct sequence numbers
        List<Post> byTime = new ArrayList<>(posts);
        byTime.sort((p1, p2) -> Long.compare(p1.ms, p2.ms)); // stable
        long lastMs = Long.MIN_VALUE; int seq = 0;
        for (Post p : byTime) {
            seq = (p.ms == lastMs) ? seq + 1 : 0;
            lastMs = p.ms;
            long worker = R.nextInt(1 << 10);
            p.id = ((p.ms - TWEPOCH) << 22) | (worker << 12) | seq;
            p.showMillis = chance(0.03);
            p.createdAt = formatTime(p.ms, p.showMillis);
        }
        posts.sort((p1, p2) -> Long.compare(p2.id, p1.id)); // newest first

        // 4. author metrics drifting over time, snapshotted at each post
        for (Author a : authors) {
            a.posts.sort((p1, p2) -> Long.compare(p1.id, p2.id));
            double f = a.followers, fo = a.following, tw = a.tweets - a.postCount, li = a.listed;
            long prev = START_MS - (long) (rnd() * 86_400_000L);
            for (Post p : a.posts) {
                double dt = (p.ms - prev) / 86_400_000.0;
                prev = p.ms;
                double expected = f * a.trend * dt + 0.4 * dt;
                double noise = R.nextGaussian() * StrictMath.max(1.0, StrictMath.sqrt(f) * 0.03) * StrictMath.sqrt(dt + 0.02);
                f = StrictMath.max(0, f + expected + noise);
                if (chance(0.3)) fo = StrictMath.max(0, fo + rint(-2, 5));
                tw += 1 + StrictMath.floor(a.otherTweetsPerDay * dt * uni(0.5, 1.5));
                if (chance(0.05 + StrictMath.min(0.3, f / 1_000_000))) li += rint(0, 2);
                p.snapFollowers = StrictMath.round(f);
                p.snapFollowing = StrictMath.round(fo);
                p.snapTweets = StrictMath.round(tw);
                p.snapListed = StrictMath.round(li);
            }
        }

        // 5. engagement (a snapshot at crawl time, same in every page that shows the post)
        for (Post p : posts) {
            double ageDays = (END_MS - p.ms) / 86_400_000.0;
            double ageFactor = 1 - StrictMath.exp(-ageDays * 4);
            double impr = (p.snapFollowers * uni(0.03, 0.25) + logNormal(3.5, 1.2)) * ageFactor;
            if (chance(0.02)) impr *= uni(5, 40);
            if (p.author.kind == Kind.BOT) impr *= 0.3;
            p.impressions = StrictMath.round(impr);
            p.likes = StrictMath.round(impr * uni(0.003, 0.025));
            p.retweets = StrictMath.round(p.likes * uni(0.05, 0.35));
            p.replies = StrictMath.round(p.likes * uni(0.02, 0.25)) + (chance(0.2) ? 1 : 0);
            p.quotes = StrictMath.round(p.retweets * uni(0, 0.15));
            p.bookmarks = StrictMath.round(p.likes * uni(0.02, 0.4));
        }

        // 6. pages
        long totalBytes = 0;
        StringBuilder report = new StringBuilder();
        for (String tag : TRACKED) {
            List<Post> tagged = new ArrayList<>();
            for (Post p : posts) if (p.trackedKeys.contains(tag)) tagged.add(p);
            Path dir = out.resolve(tag);
            Files.createDirectories(dir);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "page-[0-9][0-9][0-9].json")) {
                List<Path> stale = new ArrayList<>();
                for (Path f : ds) stale.add(f);
                for (Path f : stale) Files.delete(f);
            }
            int pages = (tagged.size() + PAGE_SIZE - 1) / PAGE_SIZE;
            for (int i = 0; i < pages; i++) {
                List<Post> page = tagged.subList(i * PAGE_SIZE, StrictMath.min(tagged.size(), (i + 1) * PAGE_SIZE));
                int no = i + 1;
                String next = no < pages ? pageName(no + 1) : null;
                boolean newSpelling = no % NEW_SPELLING_EVERY == 0;
                boolean partialError = tag.equals(ERROR_TAG) && no == ERROR_PAGE;
                byte[] bytes = utf8(renderPage(page, newSpelling, partialError, next));
                Files.write(dir.resolve(pageName(no) + ".json"), bytes);
                totalBytes += bytes.length;
            }
            report.append(String.format(Locale.ROOT, "  %-14s %5d posts %3d pages%n", tag, tagged.size(), pages));
        }
        System.out.printf(Locale.ROOT, "%d posts by %d authors -> %s (%d bytes)%n", posts.size(), authors.size(), out, totalBytes);
        System.out.print(report);
    }

    static String pageName(int no) { return String.format(Locale.ROOT, "page-%03d", no); }

    static String formatTime(long ms, boolean withMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L), 0, ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), withMillis ? Math.floorMod(ms, 1000L) : 0);
    }

    static byte[] utf8(String s) {
        try { // refuses unpaired surrogates instead of writing '?'
            ByteBuffer bb = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            byte[] b = new byte[bb.remaining()];
            bb.get(b);
            return b;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ JSON

    static String renderPage(List<Post> page, boolean newSpelling, boolean partialError, String next) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("{\"data\":[");
        // users: one entry per author, as of that author's newest post on this page (page is newest first)
        Map<String, Post> newestByAuthor = new LinkedHashMap<>();
        for (int i = 0; i < page.size(); i++) {
            Post p = page.get(i);
            if (i > 0) sb.append(',');
            post(sb, p, newSpelling);
            newestByAuthor.putIfAbsent(p.author.id, p);
        }
        sb.append("],\"includes\":{\"users\":[");
        boolean first = true;
        for (Post p : newestByAuthor.values()) {
            if (!first) sb.append(',');
            first = false;
            user(sb, p, newSpelling);
        }
        sb.append("]}");
        if (partialError) {
            sb.append(",\"errors\":[{\"value\":\"1234\",\"detail\":\"Could not find user with id: [1234].\",")
                    .append("\"title\":\"Not Found Error\",\"resource_type\":\"user\",\"parameter\":\"author_id\",")
                    .append("\"resource_id\":\"1234\",\"type\":\"https://api.twitter.com/2/problems/resource-not-found\"}]");
        }
        sb.append(",\"meta\":{\"newest_id\":");
        str(sb, Long.toString(page.get(0).id));
        sb.append(",\"oldest_id\":");
        str(sb, Long.toString(page.get(page.size() - 1).id));
        sb.append(",\"result_count\":").append(page.size());
        if (next != null) { sb.append(",\"next_token\":"); str(sb, next); }
        sb.append("}}");
        return sb.toString();
    }

    static void post(StringBuilder sb, Post p, boolean newSpelling) {
        String id = Long.toString(p.id);
        sb.append("{\"id\":"); str(sb, id);
        sb.append(",\"text\":"); str(sb, p.text);
        sb.append(",\"created_at\":"); str(sb, p.createdAt);
        sb.append(",\"lang\":"); str(sb, p.lang);
        sb.append(",\"author_id\":"); str(sb, p.author.id);
        sb.append(newSpelling ? ",\"edit_history_post_ids\":[" : ",\"edit_history_tweet_ids\":[");
        str(sb, id);
        sb.append("],\"public_metrics\":{\"retweet_count\":").append(p.retweets)
                .append(",\"reply_count\":").append(p.replies)
                .append(",\"like_count\":").append(p.likes)
                .append(",\"quote_count\":").append(p.quotes)
                .append(",\"bookmark_count\":").append(p.bookmarks)
                .append(",\"impression_count\":").append(p.impressions)
                .append("},\"entities\":{\"hashtags\":[");
        for (int i = 0; i < p.hashtags.size(); i++) {
            Hashtag h = p.hashtags.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"start\":").append(h.start).append(",\"end\":").append(h.end).append(",\"tag\":");
            str(sb, h.tag);
            sb.append('}');
        }
        sb.append("]}}");
    }

    static void user(StringBuilder sb, Post p, boolean newSpelling) {
        Author a = p.author;
        sb.append("{\"id\":"); str(sb, a.id);
        sb.append(",\"name\":"); str(sb, a.name);
        sb.append(",\"username\":"); str(sb, a.username);
        if (a.location != null) { sb.append(",\"location\":"); str(sb, a.location); }
        sb.append(",\"public_metrics\":{\"followers_count\":").append(p.snapFollowers)
                .append(",\"following_count\":").append(p.snapFollowing)
                .append(newSpelling ? ",\"post_count\":" : ",\"tweet_count\":").append(p.snapTweets)
                .append(",\"listed_count\":").append(p.snapListed)
                .append("}}");
    }

    static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
            }
        }
        sb.append('"');
    }
}
