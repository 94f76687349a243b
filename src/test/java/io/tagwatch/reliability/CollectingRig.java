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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The packaged service collecting tags from a fake X that keeps publishing, and what the reliability
 * tests check afterwards: the stored posts equal the fake's exactly, below each checkpoint nothing is
 * missing but the posts of the windows still open, and the summary counts equal the posts.
 * <p>
 * Its waits follow what it measures, not fixed minutes, so that a busy machine slows them down instead
 * of failing them: a start may take a few times the slowest start seen so far, and the collector is
 * stuck only when nothing new has been stored for {@link #patience()}.
 */
final class CollectingRig implements AutoCloseable {

    static final List<String> TAGS = List.of("sre", "devops");
    private static final String TOKEN = "reliability-bearer-token";
    /** tagwatch.collect.period below. */
    static final Duration PERIOD = Duration.ofMillis(250);
    /** Only for the first start, before anything is measured: far above any start seen. */
    private static final Duration FIRST_START = Duration.ofMinutes(3);

    final FakeX x = new FakeX();
    final List<String> tags;
    final Path dir;
    final String databaseUrl;
    final JdbcTemplate jdbc;
    private final List<String> extraArgs;
    private final ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger ticks = new AtomicInteger();
    private final List<ServiceProcess> started = new ArrayList<>();
    private long slowestStartMillis;

    /** On databaseUrl, or on a new SQLite file when it is null. */
    CollectingRig(String name, String databaseUrl, List<String> extraArgs) throws Exception {
        this(name, databaseUrl, extraArgs, TAGS);
    }

    CollectingRig(String name, String databaseUrl, List<String> extraArgs, List<String> tags) throws Exception {
        this.tags = tags;
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

    /** Publishes posts on the tags in turn, every period, until stopFeeding. */
    void feed(int posts, Duration every) {
        feeder.scheduleAtFixedRate(() -> x.add(posts, tags.get(ticks.getAndIncrement() % tags.size())), 0,
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
                "--tagwatch.collect.period=" + PERIOD.toMillis(), "--tagwatch.collect.first-run-delay=0",
                "--tagwatch.upstream.backoff=50ms", "--tagwatch.routes-dir=" + dir.resolve("routes")));
        // a setting of the test's replaces the rig's (Spring would join both into "20,1")
        for (String extra : extraArgs) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(extra);
        }
        ServiceProcess service = ServiceProcess.start(dir.resolve(name + ".log"), args);
        started.add(service);
        return service;
    }

    /** Starts the service and waits until it is ready; the time it took sets the later waits. */
    ServiceProcess startReady(String name) {
        ServiceProcess service = start(name);
        Duration allowed = slowestStartMillis == 0 ? FIRST_START
                : Duration.ofMillis(Math.max(30_000, 4 * slowestStartMillis));
        slowestStartMillis = Math.max(slowestStartMillis, service.awaitReady(allowed));
        return service;
    }

    /**
     * How long the collector may store nothing while posts wait before it counts as stuck: two starts
     * (a restart's cycles begin only once it is up) and forty periods.
     */
    Duration patience() {
        return Duration.ofMillis(2 * slowestStartMillis).plus(PERIOD.multipliedBy(40));
    }

    Set<String> fakeIds() {
        Set<String> ids = new TreeSet<>();
        tags.forEach(tag -> ids.addAll(x.idsFor(tag)));
        return ids;
    }

    Set<String> storedIds() {
        return new TreeSet<>(jdbc.queryForList("SELECT id FROM post", String.class));
    }

    /** Waits while posts keep being stored until all the fake's are; fails after {@link #patience()} without any. */
    void awaitEverythingStored() throws InterruptedException {
        awaitStored(() -> fakeIds().size());
    }

    /** Waits until more than {@code count} posts are stored, with the same patience. */
    void awaitStoredMoreThan(int count) throws InterruptedException {
        awaitStored(() -> count + 1);
    }

    private void awaitStored(java.util.function.IntSupplier wanted) throws InterruptedException {
        int last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            int stored;
            try {
                stored = storedIds().size();
            } catch (RuntimeException databaseDown) {
                stored = last;
            }
            if (stored >= wanted.getAsInt()) {
                return;
            }
            if (stored > last) {
                last = stored;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > patience().toNanos()) {
                throw new AssertionError("nothing stored for " + patience() + ": " + stored + " of "
                        + wanted.getAsInt() + " posts");
            }
            Thread.sleep(PERIOD.toMillis());
        }
    }

    /**
     * What is wrong with the store right now, as sentences; empty when it is consistent: summary
     * counts equal to the posts, and per tag, stored posts exactly the fake's up to the checkpoint but
     * those of the open windows (between their after and before ids).
     */
    List<String> problems() {
        List<String> problems = new ArrayList<>(SummaryCounts.mismatches(jdbc));
        for (String tag : tags) {
            List<String> position = jdbc.queryForList("SELECT position FROM checkpoint WHERE source = 'x' AND tag = ?",
                    String.class, tag);
            long checkpoint = position.isEmpty() ? 0 : Long.parseLong(position.get(0));
            List<long[]> open = jdbc.query("SELECT after_position, before_position FROM gap_window"
                    + " WHERE source = 'x' AND tag = ? AND state = 'open'", (row, n) -> new long[] {
                        Long.parseLong(row.getString(1)), Long.parseLong(row.getString(2))}, tag);
            Set<String> expected = new TreeSet<>();
            x.idsFor(tag).stream().map(Long::parseLong).filter(id -> id <= checkpoint)
                    .filter(id -> open.stream().noneMatch(w -> id > w[0] && id < w[1]))
                    .forEach(id -> expected.add(Long.toString(id)));
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
        waitUntil(() -> x.searches().size() > searches, patience());
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
