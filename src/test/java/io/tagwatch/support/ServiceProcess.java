package io.tagwatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (target/tagwatch.jar) as a real process on a free port, for what needs one:
 * kill -9, SIGTERM, start-up time and resident memory. Its JSON log goes to a file.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * The JVM settings README recommends for a small host, which the benchmarks measure: a heap that
     * fits the 350 MB budget, and the C1 compiler only, which on two cores starts in half the time
     * and served more requests per second than C1 and C2 together (see docs/performance.md). A JVM
     * out of memory is in no state to go on, so it exits and its supervisor restarts it.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final long startedAtNanos;

    private ServiceProcess(Process process, int port, Path log, long startedAtNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedAtNanos = startedAtNanos;
    }

    /** Starts target/tagwatch.jar with these Spring arguments (--key=value) and returns without waiting. */
    public static ServiceProcess start(Path log, List<String> args) {
        return start(List.of("-jar", jar().toString()), log, args);
    }

    /** Starts the service with these JVM arguments (ending in -jar and a jar) and Spring arguments. */
    public static ServiceProcess start(List<String> launch, Path log, List<String> args) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(launch);
        command.add("--server.port=" + port);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ServiceProcess(process, port, log, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path jar() {
        Path jar = Path.of("target", "tagwatch.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package -DskipTests first");
        }
        return jar;
    }

    /** Waits until /health/readiness answers 200; returns the milliseconds from process start. */
    public long awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            if (readinessStatus() == 200) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
            }
            sleep(20);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    /**
     * The status /health/readiness answers, or -1 when nothing answers. While the database is down the
     * answer takes up to Hikari's connection-timeout (3 s), hence the probe's 5 s, as in compose/Dockerfile.
     */
    public int readinessStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory from /proc, in MiB. */
    public long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    /** kill -9: no shutdown hook, no rollback, no flush. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** SIGTERM, as an orchestrator stops a container; returns the exit code, or throws if it takes longer. */
    public int terminate(Duration timeout) {
        process.destroy();
        return waitFor(timeout);
    }

    private int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the service did not exit within " + timeout);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
