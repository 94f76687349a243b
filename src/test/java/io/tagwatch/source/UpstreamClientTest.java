package io.tagwatch.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.opentelemetry.api.OpenTelemetry;

import io.tagwatch.config.TagwatchProperties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import io.tagwatch.store.GateRows;
import io.tagwatch.support.MigratedDatabases;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an upstream can no longer do to a cycle: send it elsewhere with its credentials, make it hold an
 * answer of any size, or keep it waiting on an answer that never ends.
 */
class UpstreamClientTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UpstreamClient client = new UpstreamClient(properties(), registry,
            new StaticListableBeanFactory().getBeanProvider(OpenTelemetry.class), Clock.systemUTC());
    private final SourceGate gate = new SourceGate("x",
            new GateRows(new JdbcTemplate(MigratedDatabases.sqlite())), Clock.systemUTC(), 100, Duration.ofMinutes(1));
    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aRedirectIsNotFollowedAndNothingIsSentAgain() {
        AtomicLong elsewhere = new AtomicLong();
        HttpServer target = serve(exchange -> {
            elsewhere.incrementAndGet();
            reply(exchange, 200, "{}");
        });
        AtomicLong asked = new AtomicLong();
        HttpServer upstream = serve(exchange -> {
            asked.incrementAndGet();
            exchange.getResponseHeaders().add("Location", url(target) + "/xrpc/com.atproto.server.createSession");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(url(upstream) + "/xrpc/com.atproto.server.createSession"))
                .header("Authorization", "Bearer secret").POST(HttpRequest.BodyPublishers.ofString("{\"password\":\"p\"}"));
        assertThatThrownBy(() -> client.call(gate, login, response -> "read"))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.outcome()).isEqualTo("redirect");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(asked.get()).isEqualTo(1);
        assertThat(elsewhere.get()).isZero();
        assertThat(count("redirect")).isEqualTo(1);
    }

    @Test
    void anAnswerOverTheSizeLimitIsAbandonedWhetherItsLengthIsDeclaredOrNot() throws Exception {
        for (boolean declared : new boolean[] {true, false}) {
            AtomicLong written = new AtomicLong();
            CountDownLatch gone = new CountDownLatch(1);
            HttpServer upstream = serve(exchange -> {
                long size = 1L << 30;
                exchange.sendResponseHeaders(200, declared ? size : 0);
                byte[] block = new byte[64 << 10];
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long sent = 0; sent < size; sent += block.length) {
                        out.write(block);
                        written.addAndGet(block.length);
                    }
                } catch (IOException e) {
                    gone.countDown(); // the client closed the connection
                }
            });
            long started = System.nanoTime();
            assertThatThrownBy(() -> client.call(gate, get(upstream), response -> response.body().length))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.outcome()).isEqualTo("malformed");
                        assertThat(e.retryable()).isFalse();
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(gone.await(20, TimeUnit.SECONDS)).as("connection closed (declared length %s)", declared).isTrue();
            // what the server got out before it noticed: the limit plus socket buffers, nowhere near 1 GB
            assertThat(written.get()).isLessThan(64L << 20);
        }
    }

    @Test
    void anAnswerThatTricklesInIsCutOffAtTheDeadline() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        HttpServer upstream = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 600; i++) {
                    out.write('[');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                gone.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long started = System.nanoTime();
        assertThatThrownBy(() -> client.call(gate, get(upstream), response -> response.body().length))
                .isInstanceOfSatisfying(UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo("timeout"));
        // deadline 1 s, one retry: two deadlines and a backoff, far from the minute the answer would take
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(gone.await(20, TimeUnit.SECONDS)).as("the trickling connection was closed").isTrue();
        assertThat(count("timeout")).isEqualTo(2);
    }

    @Test
    void anAnswerWithinTheLimitsIsRead() {
        HttpServer upstream = serve(exchange -> reply(exchange, 200, "{\"data\":[]}"));
        String body = client.call(gate, get(upstream), response -> new String(response.body(), StandardCharsets.UTF_8));
        assertThat(body).isEqualTo("{\"data\":[]}");
        assertThat(count("ok")).isEqualTo(1);
    }

    private double count(String outcome) {
        return registry.get("tagwatch.upstream.requests").tags("source", "x", "outcome", outcome).counter().count();
    }

    private static HttpRequest.Builder get(HttpServer server) {
        return HttpRequest.newBuilder(URI.create(url(server) + "/2/tweets/search/recent")).GET();
    }

    private HttpServer serve(HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", handler);
            server.start();
            servers.add(server);
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String url(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static TagwatchProperties properties() {
        return new Binder(new MapConfigurationPropertySource(Map.of("tagwatch.upstream.deadline", "1s",
                "tagwatch.upstream.max-body", "4MB", "tagwatch.upstream.retries", "1",
                "tagwatch.upstream.backoff", "10ms", "tagwatch.upstream.read-timeout", "5s")))
                .bindOrCreate("tagwatch", Bindable.of(TagwatchProperties.class));
    }
}
