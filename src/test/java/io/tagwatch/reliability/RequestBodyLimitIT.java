package io.tagwatch.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.tagwatch.support.ApiClient;
import io.tagwatch.support.ServiceProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of megabytes sent to the packaged service, run with a 128 MB heap and, as the image runs it,
 * set to exit on running out of memory: as a fixed-length body and as a chunked one, and as forms on
 * other paths and methods. Each is refused with a 413 problem before it is read, and the service stays
 * up. Without a limit, camel-http reads a body whole into memory before any route (or token check)
 * runs, and Spring MVC's form filter reads a form PUT to any path.
 */
class RequestBodyLimitIT {

    private static final long BODY_BYTES = 400L << 20;
    private static final byte[] BLOCK = new byte[64 << 10];
    private static ServiceProcess service;

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("tagwatch-body-limit");
        service = ServiceProcess.start(List.of("-Xmx128m", "-jar", ServiceProcess.jar().toString()),
                dir.resolve("service.log"), List.of("--tagwatch.sqlite-file=" + dir.resolve("tagwatch.db"),
                        "--tagwatch.sources=", "--tagwatch.routes-dir=" + dir.resolve("no-routes"),
                        "--tagwatch.admin-token=" + "a".repeat(40)));
        service.awaitReady(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aHugeFixedLengthBodyIsRefusedAndTheServiceStaysUp() throws IOException {
        String answer = send("POST /api/v1/collect", "application/octet-stream", "Content-Length: " + BODY_BYTES, out -> {
            for (long sent = 0; sent < BODY_BYTES; sent += BLOCK.length) {
                write(out, BLOCK);
            }
        });
        assertRefusedAndUp(answer, "fixed-length");
    }

    @Test
    void aHugeChunkedBodyIsRefusedAndTheServiceStaysUp() throws IOException {
        byte[] head = (Integer.toHexString(BLOCK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n".getBytes(StandardCharsets.US_ASCII);
        String answer = send("POST /api/v1/collect", "application/octet-stream", "Transfer-Encoding: chunked", out -> {
            for (long sent = 0; sent < BODY_BYTES; sent += BLOCK.length) {
                write(out, head);
                write(out, BLOCK);
                write(out, tail);
            }
            write(out, "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertRefusedAndUp(answer, "chunked");
    }

    /** Form bodies on any path and method: Spring MVC's form filter would read them whole. */
    @Test
    void hugeFormBodiesOnAnyPathAndMethodAreRefused() throws IOException {
        for (String request : List.of("PUT /api/v1/tags", "PATCH /health", "DELETE /api/v1/posts", "POST /metrics")) {
            String answer = send(request, "application/x-www-form-urlencoded", "Content-Length: " + BODY_BYTES,
                    out -> {
                        byte[] form = "a=".getBytes(StandardCharsets.US_ASCII);
                        write(out, form);
                        for (long sent = form.length; sent < BODY_BYTES; sent += BLOCK.length) {
                            write(out, BLOCK);
                        }
                    });
            assertRefusedAndUp(answer, request + " form");
        }
    }

    @Test
    void aGetWithABodyIsRefused() throws IOException {
        String answer;
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET /api/v1/tags HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
    }

    private static void assertRefusedAndUp(String answer, String kind) {
        System.out.printf("body-limit: %d MB %s body to a 128 MB heap: %s; RSS %d MiB%n", BODY_BYTES >> 20, kind,
                answer.lines().findFirst().orElse("(connection closed)"), service.rssMiB());
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        assertThat(service.isAlive()).isTrue();
        ApiClient.Response health = new ApiClient(service.port()).get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    /**
     * Sends the POST while its body streams, reading the answer on another thread as it arrives: once the
     * server has answered it closes the connection, and a reset would discard an answer not yet read.
     */
    private static String send(String requestLine, String contentType, String lengthHeader, Consumer<OutputStream> body)
            throws IOException {
        try (Socket socket = connect()) {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(socket.getInputStream().readNBytes(4 << 10), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + "a".repeat(40)
                    + "\r\nContent-Type: " + contentType + "\r\n" + lengthHeader + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                body.accept(out);
            } catch (UncheckedIOException closed) {
                // the server stopped reading and closed the connection, as it should
            }
            try {
                socket.shutdownOutput();
            } catch (IOException closed) {
                // already closed by the server
            }
            return answer.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 5_000);
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static void write(OutputStream out, byte[] bytes) {
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
