package io.tagwatch.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tagwatch.source.x.FakeX;
import io.tagwatch.support.ServiceProcess;
import io.tagwatch.support.SummaryCounts;

import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged service collecting two tags from a fake X that keeps publishing, and what the
 * reliability tests check afterwards: the stored posts equal the fake's exactly, each checkpoint
 * equals the newest stored post of its tag with nothing missing below it, and the summary counts
 * equal the posts.
 */
final class CollectingRig implements AutoCloseable {

    static final List<String> TAGS = List.of("sre", "devops");
    private static final String TOKEN = "reliability-bearer-token";

    final FakeX x = new FakeX();
    final Path dir;
    final String databaseUrl;
    final JdbcTemplate jdbc;
    private final List<String> extraArgs;
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger ticks = new AtomicInteger();
    private final List<ServiceProcess> started = new ArrayList<>();

    /** On databaseUrl, or on a new SQLite file when it is null. */
    CollectingRig(String name, String databaseUrl, List<String> extraArgs) throws Exception {
        this.dir = Files.createTempDirectory("tagwatch-" + name);
        this.databaseUrl = databaseUrl != null ? databaseUrl : sqliteUrl(dir.resolve("tagwatch.db"));
        this.extraArgs = extraArgs;
        this.jdbc = new JdbcTemplate(new DriverManagerDataSource(this.databaseUrl));
        x.acceptToken(TOKEN);
        // these tests are about the store; X's request window (450 per 15 min) is XSourceTest's business
        x.rateLimit(100_000_000, java.time.Instant.now().plusSeconds(900));
    }

    static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file + "?journal_mode=WAL&busy_timeout=10000&synchronous=NORMAL";
    }

    /**
     * Publishes posts on the tags in turn, every period, until stopFeeding. X is polled newest first,
     * so a tag's backlog beyond a cycle's page limit (here 2,000 posts) would be skipped: feeds stay
     * well under that for the longest restart.
     */
    void feed(int posts, Duration every) {
        feeder.scheduleAtFixedRate(() -> x.add(posts, TAGS.get(ticks.getAndIncrement() % TAGS.size())), 0,
                every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stopFeeding() throws InterruptedException {
        feeder.shutdown();
        feeder.awaitTermination(5, TimeUnit.SECONDS);
    }

    ServiceProcess start(String name) {
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + databaseUrl, "--tagwatch.sources=x",
                "--tagwatch.x.base-url=" + x.baseUrl(), "--tagwatch.x.bearer-token=" + TOKEN,
                "--tagwatch.x.max-pages-per-cycle=20", "--tagwatch.x.daily-read-budget=100000000",
                "--tagwatch.collect.period=250", "--tagwatch.collect.first-run-delay=0",
                "--tagwatch.upstream.backoff=50ms", "--tagwatch.routes-dir=" + dir.resolve("routes")));
        args.addAll(extraArgs);
        ServiceProcess service = ServiceProcess.start(dir.resolve(name + ".log"), args);
        started.add(service);
        return service;
    }

    Set<String> fakeIds() {
        Set<String> ids = new TreeSet<>();
        TAGS.forEach(tag -> ids.addAll(x.idsFor(tag)));
        return ids;
    }

    Set<String> storedIds() {
        return new TreeSet<>(jdbc.queryForList("SELECT id FROM post", String.class));
    }

    void awaitEverythingStored(Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> storedIds().size() >= fakeIds().size());
    }

    /**
     * What is wrong with the store right now, as sentences; empty when it is consistent: summary
     * counts equal to the posts, and per tag, stored posts exactly the fake's up to the checkpoint.
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>(SummaryCounts.mismatches(jdbc));
        for (String tag : TAGS) {
            List<String> position = jdbc.queryForList("SELECT position FROM checkpoint WHERE source = 'x' AND tag = ?",
                    String.class, tag);
            long checkpoint = position.isEmpty() ? 0 : Long.parseLong(position.get(0));
            Set<String> expected = new TreeSet<>();
            x.idsFor(tag).stream().filter(id -> Long.parseLong(id) <= checkpoint).forEach(expected::add);
            Set<String> stored = new TreeSet<>(jdbc.queryForList(
                    "SELECT post_id FROM post_tag WHERE source = 'x' AND tag = ?", String.class, tag));
            if (!stored.equals(expected)) {
                problems.add("tag " + tag + " at checkpoint " + checkpoint + ": " + stored.size() + " posts stored, "
                        + expected.size() + " published up to it");
            }
        }
        return problems;
    }

    /** After everything is stored: the exact equality the reliability suite promises. */
    void assertExactlyTheFakesPosts() {
        Set<String> fake = fakeIds();
        Set<String> stored = storedIds();
        Set<String> lost = new TreeSet<>(fake);
        lost.removeAll(stored);
        Set<String> extra = new TreeSet<>(stored);
        extra.removeAll(fake);
        long rows = jdbc.queryForObject("SELECT COUNT(*) FROM post", Long.class);
        if (!lost.isEmpty() || !extra.isEmpty() || rows != fake.size()) {
            throw new AssertionError(lost.size() + " lost, " + extra.size() + " unexpected, " + rows + " rows for "
                    + fake.size() + " posts");
        }
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems));
        }
    }

    /** Returns once the fake has answered one more search: the collector is then parsing or storing a page. */
    void awaitNextPage() throws InterruptedException {
        int searches = x.searches().size();
        waitUntil(() -> x.searches().size() > searches, Duration.ofSeconds(10));
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(2);
        }
    }

    /** Log lines at ERROR level in every service log of this rig. */
    long errorLines() throws Exception {
        long errors = 0;
        for (ServiceProcess service : started) {
            try (var lines = Files.lines(service.log())) {
                errors += lines.filter(line -> line.contains("\"level\":\"ERROR\"")).count();
            }
        }
        return errors;
    }

    @Override
    public void close() throws Exception {
        feeder.shutdownNow();
        started.forEach(ServiceProcess::close);
        x.close();
    }
}
