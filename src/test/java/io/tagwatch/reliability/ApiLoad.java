package io.tagwatch.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mixed API traffic from a number of connections, each sending its next request when the last is
 * answered, with every answer's status, every failed request (and when it was sent) and latencies kept.
 */
final class ApiLoad {

    static final List<String> PATHS = List.of("/api/v1/stats/top-users?limit=20", "/api/v1/stats/posts-by-hour?tz=Asia/Kolkata",
            "/api/v1/stats/posts-by-tag?by=language", "/api/v1/stats/posts-by-tag?by=country&tag=sre",
            "/api/v1/stats/timeline?bucket=hour", "/api/v1/posts?limit=50", "/api/v1/tags", "/api/statistics/users",
            "/api/statistics/tweets", "/api/read/hashtag/devops", "/api/v1/stats/posts-by-hour?tag=devops&from=2026-11-20T01:07:00Z");

    /** A request that got no HTTP answer, with when it was sent. */
    record Failure(long sentAtNanos, String path, String error) {
    }

    private final String baseUrl;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    ApiLoad(String baseUrl, int connections) {
        this.baseUrl = baseUrl;
        for (int i = 0; i < connections; i++) {
            int offset = i;
            Thread thread = new Thread(() -> run(offset), "api-load-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    private void run(int offset) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int n = offset; running.get(); n++) {
            String path = PATHS.get(n % PATHS.size());
            long sent = System.nanoTime();
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicLong()).incrementAndGet();
                latenciesMicros.add((System.nanoTime() - sent) / 1000);
            } catch (IOException e) {
                failures.add(new Failure(sent, path, e.toString()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    List<Failure> stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(40_000);
        }
        return failures;
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, n) -> counts.put(status, n.get()));
        return counts;
    }

    long answered() {
        return statuses.values().stream().mapToLong(AtomicLong::get).sum();
    }

    double percentileMillis(double percentile) {
        List<Long> sorted;
        synchronized (latenciesMicros) {
            sorted = new ArrayList<>(latenciesMicros);
        }
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * percentile)) / 1000.0;
    }
}
