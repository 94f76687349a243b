package io.tagwatch.source;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ThreadLocalRandom;

import io.tagwatch.config.TagwatchProperties;

import org.springframework.stereotype.Component;

/**
 * Sends the requests of every source: with connect and read timeouts, through the source's gate (so
 * nothing is sent while it waits), retrying server errors, timeouts and malformed bodies with
 * exponential backoff and jitter, then giving up until the next cycle.
 */
@Component
public class UpstreamClient {

    /** Reads one response: returns the result or throws UpstreamException / SourcePausedException. */
    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(HttpResponse<byte[]> response);
    }

    private final HttpClient http;
    private final TagwatchProperties.Upstream settings;

    public UpstreamClient(TagwatchProperties properties) {
        this.settings = properties.upstream();
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public <T> T call(SourceGate gate, HttpRequest.Builder request, ResponseReader<T> reader) {
        HttpRequest built = request.timeout(settings.readTimeout()).build();
        for (int attempt = 0;; attempt++) {
            gate.check();
            try {
                return reader.read(http.send(built, HttpResponse.BodyHandlers.ofByteArray()));
            } catch (HttpTimeoutException e) {
                retryOrThrow(attempt, new UpstreamException("timeout", true, "no answer within the timeout"));
            } catch (IOException e) {
                retryOrThrow(attempt, new UpstreamException("server_error", true,
                        "connection failed: " + e.getClass().getSimpleName()));
            } catch (UpstreamException e) {
                if (!e.retryable()) {
                    throw e;
                }
                retryOrThrow(attempt, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamException("timeout", false, "interrupted");
            }
        }
    }

    private void retryOrThrow(int attempt, UpstreamException failure) {
        if (attempt >= settings.retries()) {
            throw failure;
        }
        // full jitter: anywhere up to backoff × 2^attempt, so parallel cycles do not retry in step
        long ceiling = settings.backoff().toMillis() << attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

}
