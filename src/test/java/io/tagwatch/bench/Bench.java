package io.tagwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.tagwatch.support.EmbeddedPostgres;
import io.tagwatch.support.ServiceProcess;

/**
 * The benchmark behind bench/run.sh: ingest through the real routes from a fake X next to the JDBC
 * ceiling and the old row-by-row way, then the summaries under wrk at two store sizes on SQLite and
 * at the large one on PostgreSQL, with the same aggregations as raw SQL, start-up time and memory.
 * Prints "name value unit" per figure and writes docs/performance.md.
 */
public final class Bench {

    /** Each summary endpoint, and one request with a tag and a range cut mid-quarter-hour. */
    private static final Map<String, String> ENDPOINTS = new LinkedHashMap<>();
    private static final Map<String, String> RAW_SQL = new LinkedHashMap<>();

    static {
        Instant windowFrom = BenchPosts.END.minus(Duration.ofDays(7)).plusSeconds(433);
        Instant windowTo = BenchPosts.END.minus(Duration.ofDays(1)).plusSeconds(187);
        ENDPOINTS.put("top_users", "/api/v1/stats/top-users");
        ENDPOINTS.put("posts_by_hour", "/api/v1/stats/posts-by-hour?tz=Asia/Kolkata");
        ENDPOINTS.put("posts_by_tag_language", "/api/v1/stats/posts-by-tag?by=language");
        ENDPOINTS.put("posts_by_tag_country", "/api/v1/stats/posts-by-tag?by=country");
        ENDPOINTS.put("timeline", "/api/v1/stats/timeline?bucket=day&tz=America/New_York");
        ENDPOINTS.put("posts_by_hour_tag_window", "/api/v1/stats/posts-by-hour?tag=devops&from=" + windowFrom
                + "&to=" + windowTo);
        RAW_SQL.put("top_users", "SELECT a.source, a.id, a.username, a.followers FROM author a WHERE EXISTS"
                + " (SELECT 1 FROM post p WHERE p.source = a.source AND p.author_id = a.id)"
                + " ORDER BY a.followers DESC, a.username ASC, a.source ASC, a.id ASC LIMIT 5");
        RAW_SQL.put("posts_by_hour", "SELECT created_at / 900000 AS q, COUNT(*) FROM post GROUP BY created_at / 900000");
        RAW_SQL.put("posts_by_tag_language", "SELECT t.tag, p.lang, COUNT(*) FROM post_tag t JOIN post p"
                + " ON p.source = t.source AND p.id = t.post_id GROUP BY t.tag, p.lang");
        RAW_SQL.put("posts_by_tag_country", "SELECT t.tag, COALESCE(a.country, 'ZZ'), COUNT(*) FROM post_tag t"
                + " JOIN post p ON p.source = t.source AND p.id = t.post_id"
                + " JOIN author a ON a.source = p.source AND a.id = p.author_id GROUP BY t.tag, COALESCE(a.country, 'ZZ')");
        RAW_SQL.put("timeline", RAW_SQL.get("posts_by_hour"));
        RAW_SQL.put("posts_by_hour_tag_window", "SELECT t.created_at / 900000 AS q, COUNT(*) FROM post_tag t"
                + " JOIN post p ON p.source = t.source AND p.id = t.post_id WHERE t.tag = 'devops'"
                + " AND t.created_at >= " + windowFrom.toEpochMilli() + " AND t.created_at < " + windowTo.toEpochMilli()
                + " GROUP BY t.created_at / 900000");
    }

    private static final int PAGES_PER_CYCLE = 10;
    private static final int CONNECTIONS = 32;
    // generous: a figure is the time it took, and a loaded machine (or Flight Recorder) only makes it longer
    private static final Duration READY_PATIENCE = Duration.ofMinutes(3);
    /** The cheapest endpoint: no database, a few string lookups. What the request path itself costs. */
    private static final String FLOOR = "/api/v1/geo/resolve?location=x";

    private final boolean quick;
    private final boolean profile;
    private final Map<String, List<Profile.Frame>> profiles = new LinkedHashMap<>();
    private final int small;
    private final int large;
    private final int wrkSeconds;
    private final Path work = Path.of("target", "bench").toAbsolutePath();
    private final Map<String, String[]> figures = new LinkedHashMap<>();
    private List<String> launch;

    private Bench(boolean quick, boolean profile) {
        this.quick = quick;
        this.profile = profile;
        this.small = quick ? 2_000 : 10_000;
        this.large = quick ? 20_000 : 1_000_000;
        this.wrkSeconds = quick ? 2 : 20;
    }

    public static void main(String[] args) throws Exception {
        Bench bench = new Bench(Arrays.asList(args).contains("--quick"), Arrays.asList(args).contains("--profile"));
        try {
            bench.run();
            bench.writeReport(Path.of("docs", "performance.md"), Path.of("bench", "performance-notes.md"));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the fake upstream's threads would keep the JVM alive
        System.exit(0);
    }

    private void run() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        launch = extractWithClassDataSharing();
        List<BenchPosts.Post> smallPosts = BenchPosts.generate(small, 1);
        List<BenchPosts.Post> largePosts = BenchPosts.generate(large, 2);

        String smallDb = sqliteUrl("small.db");
        ingest(smallDb, smallPosts, "sqlite_" + small, false);
        summaries(smallDb, "sqlite", small);

        String largeDb = sqliteUrl("large.db");
        double ingest = ingest(largeDb, largePosts, "sqlite", true);
        double ceiling = JdbcBaselines.ceilingPostsPerSecond(sqliteUrl("ceiling.db"), largePosts);
        List<BenchPosts.Post> sample = largePosts.subList(0, quick ? 300 : 2_000);
        // the old exercise opened sqlite3 with its defaults: rollback journal, synchronous=FULL
        double rowByRow = JdbcBaselines.rowByRowPostsPerSecond("jdbc:sqlite:" + work.resolve("row-by-row.db"), sample);
        figure("jdbc_ceiling_posts_per_s_sqlite", ceiling, "posts/s");
        figure("ingest_ratio_to_jdbc_sqlite", ingest / ceiling, "x");
        figure("row_commit_posts_per_s_sqlite", rowByRow, "posts/s");
        figure("ingest_speedup_vs_row_commit_sqlite", ingest / rowByRow, "x");
        double fair = FairCeiling.postsPerSecond(sqliteUrl("fair-ceiling.db"), largePosts, PAGES_PER_CYCLE * 100);
        figure("jdbc_fair_ceiling_posts_per_s_sqlite", fair, "posts/s");
        figure("ingest_ratio_to_fair_jdbc_sqlite", ingest / fair, "x");
        summaries(largeDb, "sqlite", large);
        for (String endpoint : ENDPOINTS.keySet()) {
            figure("p99_growth_" + endpoint + "_sqlite", value("p99_ms_" + endpoint + "_sqlite_" + large)
                    / value("p99_ms_" + endpoint + "_sqlite_" + small), "x");
        }

        String pgDb = EmbeddedPostgres.newDatabaseUrl();
        double pgIngest = ingest(pgDb, largePosts, "postgres", true);
        double pgCeiling = JdbcBaselines.ceilingPostsPerSecond(EmbeddedPostgres.newDatabaseUrl(), largePosts);
        figure("jdbc_ceiling_posts_per_s_postgres", pgCeiling, "posts/s");
        figure("ingest_ratio_to_jdbc_postgres", pgIngest / pgCeiling, "x");
        double pgFair = FairCeiling.postsPerSecond(EmbeddedPostgres.newDatabaseUrl(), largePosts, PAGES_PER_CYCLE * 100);
        figure("jdbc_fair_ceiling_posts_per_s_postgres", pgFair, "posts/s");
        figure("ingest_ratio_to_fair_jdbc_postgres", pgIngest / pgFair, "x");
        summaries(pgDb, "postgres", large);
    }

    /**
     * The service as README recommends running it: the jar extracted (a fat jar's nested jars load
     * slowly) with a class data sharing archive from a training start, as Spring Boot documents.
     */
    private List<String> extractWithClassDataSharing() throws Exception {
        Path app = work.resolve("app");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        exec(List.of(java, "-Djarmode=tools", "-jar", ServiceProcess.jar().toString(), "extract", "--destination",
                app.toString()));
        List<String> training = new ArrayList<>(List.of(java));
        training.addAll(ServiceProcess.JVM_OPTIONS);
        training.addAll(List.of("-XX:ArchiveClassesAtExit=" + app.resolve("tagwatch.jsa"), "-Dspring.context.exit=onRefresh",
                "-jar", app.resolve("tagwatch.jar").toString(), "--server.port=0",
                "--tagwatch.sqlite-file=" + app.resolve("training.db"), "--tagwatch.sources=",
                "--tagwatch.routes-dir=" + work.resolve("no-routes")));
        exec(training);
        return List.of("-XX:SharedArchiveFile=" + app.resolve("tagwatch.jsa"), "-jar", app.resolve("tagwatch.jar").toString());
    }

    private void exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("prepare.log").toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(command + " failed; see " + work.resolve("prepare.log"));
        }
    }

    /** Starts the service collecting from a fake X and returns the posts stored per second. */
    private double ingest(String url, List<BenchPosts.Post> posts, String label, boolean print) throws Exception {
        Path recording = work.resolve("ingest-" + label + ".jfr");
        List<String> command = new ArrayList<>();
        if (profile && print) {
            // the JDK's own sampling profiler, at its "profile" settings (20 ms samples), written on exit;
            // without the CDS archive, which JDK 17's class-load hook for JFR crashes on
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
            command.addAll(launch.stream().filter(option -> !option.startsWith("-XX:SharedArchiveFile")).toList());
        } else {
            command.addAll(launch);
        }
        try (BenchX x = new BenchX(posts, PAGES_PER_CYCLE * 100);
                ServiceProcess service = ServiceProcess.start(command, work.resolve("ingest-" + label + ".log"),
                        List.of("--spring.datasource.url=" + url, "--tagwatch.sources=x", "--tagwatch.x.base-url=" + x.baseUrl(),
                                "--tagwatch.x.bearer-token=bench-token", "--tagwatch.x.max-pages-per-cycle=" + PAGES_PER_CYCLE,
                                "--tagwatch.x.daily-read-budget=1000000000", "--tagwatch.collect.period=10",
                                "--tagwatch.collect.first-run-delay=0", "--tagwatch.routes-dir=" + work.resolve("no-routes")))) {
            service.awaitReady(READY_PATIENCE);
            long started = System.nanoTime();
            x.startPublishing();
            long deadline = started + Duration.ofSeconds(60 + posts.size() / 200).toNanos();
            while (countPosts(url) < posts.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ingest of " + posts.size() + " posts did not finish; see " + service.log());
                }
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double perSecond = posts.size() / seconds;
            // where the time went, from the service's own metrics
            String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(service.baseUrl() + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            double storeSeconds = metricSum(metrics, "tagwatch_store_batch_duration_seconds_sum");
            double upstreamSeconds = metricSum(metrics, "tagwatch_upstream_request_duration_seconds_sum");
            if (service.terminate(Duration.ofSeconds(30)) != 0) {
                throw new IllegalStateException("the ingest service did not stop cleanly; see " + service.log());
            }
            if (profile && print) {
                List<Profile.Frame> frames = Profile.frames(recording);
                profiles.put(label, frames);
                Profile.bySelf(frames, 15).forEach(f -> System.out.printf(Locale.ROOT, "profile_self_%s %.1f%% %s%n", label,
                        100 * f.self(), f.method()));
            }
            if (print) {
                figure("ingest_posts_per_s_" + label, perSecond, "posts/s");
                figure("ingest_posts_" + label, posts.size(), "posts");
                figure("ingest_store_share_" + label, storeSeconds / seconds, "x");
                figure("ingest_upstream_wait_share_" + label, upstreamSeconds / seconds, "x");
            }
            return perSecond;
        }
    }

    /** Restarts the service on a filled store, not collecting, and loads each summary endpoint with wrk. */
    private void summaries(String url, String db, int size) throws Exception {
        String suffix = db + "_" + size;
        try (ServiceProcess service = ServiceProcess.start(launch, work.resolve("summaries-" + suffix + ".log"),
                List.of("--spring.datasource.url=" + url, "--tagwatch.sources=",
                        "--tagwatch.routes-dir=" + work.resolve("no-routes")))) {
            figure("ready_ms_" + suffix, service.awaitReady(READY_PATIENCE), "ms");
            Thread.sleep(1000);
            figure("rss_idle_mib_" + suffix, service.rssMiB(), "MiB");
            AtomicLong peak = new AtomicLong();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(service.rssMiB(), Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            double floor = load(service.baseUrl() + FLOOR, "floor_" + suffix).requestsPerSecond();
            figure("floor_rps_" + suffix, floor, "req/s");
            double[] before = cacheGets(service);
            for (Map.Entry<String, String> endpoint : ENDPOINTS.entrySet()) {
                String name = endpoint.getKey() + "_" + suffix;
                Wrk.Result result = load(service.baseUrl() + endpoint.getValue(), name);
                figure("summary_rps_ratio_to_floor_" + name, result.requestsPerSecond() / floor, "x");
            }
            double[] after = cacheGets(service);
            double hits = after[0] - before[0];
            figure("cache_hit_rate_" + suffix, hits / Math.max(1, hits + after[1] - before[1]), "x");
            // the cold path: every request a miss, computed from the counts
            for (Map.Entry<String, String> endpoint : ENDPOINTS.entrySet()) {
                load(service.baseUrl() + endpoint.getValue(), endpoint.getKey() + "_nocache_" + suffix,
                        "Cache-Control: no-cache");
            }
            sampler.interrupt();
            sampler.join();
            figure("rss_load_mib_" + suffix, peak.get(), "MiB");
        }
        for (Map.Entry<String, String> raw : RAW_SQL.entrySet()) {
            figure("raw_sql_ms_" + raw.getKey() + "_" + suffix, rawSqlMillis(url, raw.getValue()), "ms");
        }
    }

    /** wrk on one URL after a warm-up (the JIT compiles the request path); prints its p50, p99 and rps. */
    private Wrk.Result load(String target, String name, String... headers) {
        Wrk.run(target, CONNECTIONS, quick ? 1 : 3, headers);
        Wrk.Result result = Wrk.run(target, CONNECTIONS, wrkSeconds, headers);
        if (result.failed() > 0) {
            throw new IllegalStateException(result.failed() + " failed requests to " + target);
        }
        figure("p50_ms_" + name, result.p50Millis(), "ms");
        figure("p99_ms_" + name, result.p99Millis(), "ms");
        figure("rps_" + name, result.requestsPerSecond(), "req/s");
        return result;
    }

    /** The summary cache's hits and misses so far, from the service's own metrics. */
    private static double[] cacheGets(ServiceProcess service) throws Exception {
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(service.baseUrl() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        double hits = 0;
        double misses = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("cache_gets_total{") && line.contains("cache=\"summaries\"")) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.contains("result=\"hit\"")) {
                    hits += value;
                } else if (line.contains("result=\"miss\"")) {
                    misses += value;
                }
            }
        }
        return new double[] {hits, misses};
    }

    /** The median of three runs of the aggregation over all posts, as the summaries were computed before counts. */
    private static double rawSqlMillis(String url, String sql) throws SQLException {
        double[] runs = new double[3];
        try (Connection db = DriverManager.getConnection(url); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < runs.length; i++) {
                long started = System.nanoTime();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
                runs[i] = (System.nanoTime() - started) / 1e6;
            }
        }
        Arrays.sort(runs);
        return runs[1];
    }

    /** The sum of a Prometheus metric's samples over all their labels. */
    private static double metricSum(String metrics, String name) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private static long countPosts(String url) throws SQLException {
        try (Connection db = DriverManager.getConnection(url);
                ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM post")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("no such table")) {
                return 0;
            }
            throw e;
        }
    }

    private String sqliteUrl(String file) {
        return "jdbc:sqlite:" + work.resolve(file) + "?journal_mode=WAL&busy_timeout=10000&synchronous=NORMAL";
    }

    private void figure(String name, double value, String unit) {
        String shown = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
        figures.put(name, new String[] {shown, unit});
        System.out.println(name + " " + shown + " " + unit);
    }

    private double value(String name) {
        return Double.parseDouble(figures.get(name)[0]);
    }

    private void writeReport(Path report, Path notes) throws IOException {
        StringBuilder md = new StringBuilder("# Performance\n\n");
        md.append("Written by `bench/run.sh").append(quick ? " --quick" : "").append("`; do not edit by hand (the notes at the")
                .append(" end come from `bench/performance-notes.md`).\n\n");
        md.append("| machine | |\n|---|---|\n");
        md.append("| date | ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).append(" |\n");
        md.append("| commit | ").append(System.getProperty("bench.commit", "unknown")).append(" |\n");
        md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| memory | ").append(memTotalMiB()).append(" MiB |\n");
        md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append("; service run extracted, with a CDS archive and `").append(String.join(" ", ServiceProcess.JVM_OPTIONS))
                .append("` |\n");
        md.append("| sizes | ").append(small).append(" and ").append(large).append(" posts; wrk ").append(wrkSeconds)
                .append(" s at ").append(CONNECTIONS).append(" connections per endpoint |\n\n");
        md.append("## Targets\n\n| target | figure | met |\n|---|---|---|\n");
        target(md, "ingest ≥ 0.5× fair JDBC ceiling, SQLite", "ingest_ratio_to_fair_jdbc_sqlite", 0.5, true);
        target(md, "ingest ≥ 0.5× fair JDBC ceiling, PostgreSQL", "ingest_ratio_to_fair_jdbc_postgres", 0.5, true);
        target(md, "ingest ≥ 50× row-by-row commit, SQLite", "ingest_speedup_vs_row_commit_sqlite", 50, true);
        for (String endpoint : ENDPOINTS.keySet()) {
            target(md, "p99 ≤ 50 ms at " + large + " posts, SQLite, " + endpoint, "p99_ms_" + endpoint + "_sqlite_" + large, 50, false);
            target(md, "p99 ≤ 50 ms at " + large + " posts, PostgreSQL, " + endpoint, "p99_ms_" + endpoint + "_postgres_" + large, 50, false);
            target(md, "p99 growth " + small + " → " + large + " ≤ 2×, " + endpoint, "p99_growth_" + endpoint + "_sqlite", 2, false);
            target(md, "rps ≥ 0.8× the floor at " + large + " posts, SQLite, " + endpoint,
                    "summary_rps_ratio_to_floor_" + endpoint + "_sqlite_" + large, 0.8, true);
            target(md, "rps ≥ 0.8× the floor at " + large + " posts, PostgreSQL, " + endpoint,
                    "summary_rps_ratio_to_floor_" + endpoint + "_postgres_" + large, 0.8, true);
        }
        target(md, "ready ≤ 6 s, SQLite at " + large + " posts", "ready_ms_sqlite_" + large, 6000, false);
        target(md, "RSS ≤ 350 MiB under load, SQLite", "rss_load_mib_sqlite_" + large, 350, false);
        profiles.forEach((label, frames) -> {
            md.append("\n## Ingest profile, ").append(label).append(" (JFR, `bench/run.sh --profile`)\n\n")
                    .append("Share of execution samples with the method on top of the stack (self) and anywhere in it")
                    .append(" (total).\n\n| method | self | total |\n|---|---:|---:|\n");
            Profile.bySelf(frames, 15).forEach(f -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f%% | %.1f%% |%n",
                    f.method(), 100 * f.self(), 100 * f.total())));
            md.append("\nUnder tagwatch's and Camel's steps and the JDBC calls:\n\n| method | self | total |\n|---|---:|---:|\n");
            Profile.byTotal(frames, 20).forEach(f -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f%% | %.1f%% |%n",
                    f.method(), 100 * f.self(), 100 * f.total())));
        });
        md.append("\n## Every figure\n\n| name | value | unit |\n|---|---:|---|\n");
        figures.forEach((name, v) -> md.append("| ").append(name).append(" | ").append(v[0]).append(" | ").append(v[1])
                .append(" |\n"));
        if (Files.exists(notes)) {
            md.append('\n').append(Files.readString(notes));
        }
        Files.createDirectories(report.getParent());
        Files.writeString(report, md.toString());
        System.out.println("wrote " + report);
    }

    private void target(StringBuilder md, String what, String figure, double bound, boolean atLeast) {
        double v = value(figure);
        boolean met = atLeast ? v >= bound : v <= bound;
        md.append("| ").append(what).append(" | `").append(figure).append("` = ").append(figures.get(figure)[0]).append(' ')
                .append(figures.get(figure)[1]).append(" | ").append(met ? "yes" : "**no** (see notes)").append(" |\n");
    }

    private static long memTotalMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
