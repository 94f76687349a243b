package io.tagwatch.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.tagwatch.source.mastodon.FakeMastodon;
import io.tagwatch.source.x.FakeX;
import io.tagwatch.support.EmbeddedPostgres;
import io.tagwatch.support.ServiceProcess;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Several packaged-jar instances on one embedded PostgreSQL, collecting from a fake X and a fake Mastodon
 * server: the tags are the bundled ten and the rest from a tag file in the routes directory they share.
 * Each instance logs to its own file; {@link #cycles} counts the cycles each ran, from its log.
 */
final class Cluster implements AutoCloseable {

    static final List<String> BUNDLED = List.of("openbanking", "remediation", "devops", "sre", "microservices",
            "observability", "oauth", "metrics", "logmonitoring", "opentracing");
    private static final String TOKEN = "cluster-bearer-token";
    /** Only for the first starts, before anything is measured: far above any start seen. */
    private static final Duration FIRST_START = Duration.ofMinutes(4);

    final FakeX x = new FakeX();
    final FakeMastodon mastodon = new FakeMastodon(1_000);
    final List<String> tags;
    final Duration period;
    final Path dir;
    final String databaseUrl;
    final JdbcTemplate jdbc;
    final Map<String, ServiceProcess> instances = new LinkedHashMap<>();
    private final List<String> extraArgs;
    private final List<FakeMastodon.Status> statuses = new ArrayList<>();
    private long slowestStartMillis;

    /** The bundled tags and {@code extra} more, written to a tag file of the routes directory. */
    Cluster(String name, int extra, Duration period, List<String> extraArgs) throws Exception {
        this.period = period;
        this.extraArgs = extraArgs;
        this.dir = Files.createTempDirectory("tagwatch-" + name);
        this.databaseUrl = EmbeddedPostgres.newDatabaseUrl();
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl));
        List<String> all = new ArrayList<>(BUNDLED);
        StringBuilder file = new StringBuilder();
        for (int i = 1; i <= extra; i++) {
            String tag = "cluster" + i;
            all.add(tag);
            file.append("- templatedRoute:\n    routeTemplateRef: collect-tag\n    parameters:\n")
                    .append("      - name: tag\n        value: ").append(tag).append('\n');
        }
        this.tags = List.copyOf(all);
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes").resolve("cluster-tags.yaml"), file.toString());
        x.acceptToken(TOKEN);
        // the request window is not what these tests are about, but for the one that says otherwise
        x.rateLimit(100_000_000, Instant.now().plusSeconds(900));
    }

    /** Starts the instances at once and waits until each is ready. */
    void startReady(String... ids) {
        for (String id : ids) {
            start(id);
        }
        for (String id : ids) {
            Duration allowed = slowestStartMillis == 0 ? FIRST_START
                    : Duration.ofMillis(Math.max(60_000, 4 * slowestStartMillis));
            slowestStartMillis = Math.max(slowestStartMillis, instances.get(id).awaitReady(allowed));
        }
    }

    /**
     * How long something the instances do by themselves may take: twenty periods, or two of the slowest
     * starts measured when that is longer, since a machine busy enough to slow the starts slows the cycles.
     */
    Duration patience() {
        return Duration.ofMillis(Math.max(period.multipliedBy(20).toMillis(), 2 * slowestStartMillis));
    }

    ServiceProcess start(String id) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + databaseUrl,
                "--tagwatch.instance-id=" + id, "--tagwatch.sources=x,mastodon",
                "--tagwatch.x.base-url=" + x.baseUrl(), "--tagwatch.x.bearer-token=" + TOKEN,
                "--tagwatch.x.max-pages-per-cycle=20", "--tagwatch.x.daily-read-budget=100000000",
                "--tagwatch.mastodon.instances[0].url=" + mastodon.url(),
                "--tagwatch.collect.period=" + period.toMillis() + "ms", "--tagwatch.cluster.checkin-interval=1s",
                "--tagwatch.upstream.backoff=50ms", "--tagwatch.routes-dir=" + dir.resolve("routes")));
        for (String extra : extraArgs) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(extra);
        }
        ServiceProcess service = ServiceProcess.start(dir.resolve(id + ".log"), args);
        instances.put(id, service);
        return service;
    }

    /** n posts on X and one status on Mastodon for each tag. */
    void publish(int n) {
        for (String tag : tags) {
            x.add(n, tag);
            FakeMastodon.Status status = new FakeMastodon.Status("https://origin.example/users/u/statuses/"
                    + tag + "-" + statuses.size(), Instant.now(), "<p>#" + tag + "</p>", "en", List.of(tag), "u",
                    "https://origin.example", 5, null);
            mastodon.federate(status);
            statuses.add(status);
        }
    }

    Set<String> fakeXIds() {
        Set<String> ids = new TreeSet<>();
        tags.forEach(tag -> ids.addAll(x.idsFor(tag)));
        return ids;
    }

    /** The URLs the service stores for the fake Mastodon's statuses (FakeMastodon's url field). */
    Set<String> fakeMastodonUrls() {
        Set<String> urls = new TreeSet<>();
        statuses.forEach(s -> urls.add(s.uri().replace("/users/", "/@").replace("/statuses/", "/")));
        return urls;
    }

    Set<String> stored(String sql) {
        try {
            return new TreeSet<>(jdbc.queryForList(sql, String.class));
        } catch (RuntimeException databaseBusy) {
            return Set.of();
        }
    }

    boolean allStored() {
        return stored("SELECT id FROM post WHERE source = 'x'").containsAll(fakeXIds())
                && stored("SELECT url FROM post WHERE source = 'mastodon'").containsAll(fakeMastodonUrls());
    }

    /** Waits while posts keep being stored until all the fakes' are; fails after twenty periods without progress. */
    void awaitEverythingStored() throws InterruptedException {
        int last = -1;
        long lastProgress = System.nanoTime();
        while (!allStored()) {
            int stored = stored("SELECT source || ':' || id FROM post").size();
            if (stored > last) {
                last = stored;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > period.multipliedBy(20).toNanos()) {
                throw new AssertionError("nothing stored for 20 periods: " + stored + " posts");
            }
            Thread.sleep(200);
        }
    }

    /** Lines at ERROR level in the instances' logs. */
    long errorLines(String... ids) throws Exception {
        long errors = 0;
        for (String id : ids) {
            try (Stream<String> lines = Files.lines(instances.get(id).log())) {
                errors += lines.filter(line -> line.contains("\"level\":\"ERROR\"")).count();
            }
        }
        return errors;
    }

    /** The cycles of a source the instance has run, from its collection lines. */
    long cycles(String id, String source) throws Exception {
        try (Stream<String> lines = Files.lines(instances.get(id).log())) {
            return lines.filter(line -> line.contains("Collected tag=") && line.contains(" source=" + source + " "))
                    .count();
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        instances.values().forEach(ServiceProcess::close);
        x.close();
        mastodon.close();
    }
}
