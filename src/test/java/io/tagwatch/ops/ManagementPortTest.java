package io.tagwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tagwatch.support.ApiClient;
import io.tagwatch.support.RawHttp;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With management.server.port set, /health and /metrics are served on that port only and the API on the
 * main port only; each port is its own Tomcat, and both answer their errors as problem+json and apply
 * the same request header limit (server.max-http-request-header-size, 32 KB).
 */
@DirtiesContext
@AutoConfigureObservability // tests leave the Prometheus endpoint out unless asked
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "tagwatch.sources=", "tagwatch.routes-dir=target/no-routes-dir",
        "tagwatch.collect.period=7m"})
class ManagementPortTest {

    private static final String PROBLEM = "application/problem+json";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-management-port");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void theApiIsOnTheMainPortOnly() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(new ApiClient(port).get("/api/v1/tags").status()).isEqualTo(200);
        assertProblem(new ApiClient(port).get("/api/v1/nope"), 404);
        assertProblem(new ApiClient(managementPort).get("/api/v1/tags"), 404);
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        ApiClient management = new ApiClient(managementPort);
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            ApiClient.Response health = management.get(path);
            assertThat(health.status()).as(path).isEqualTo(200);
            assertThat(health.json().get("status").asText()).as(path).isEqualTo("UP");
        }
        ApiClient.Response metrics = management.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("tagwatch_collect_period_seconds 420.0");

        for (String path : List.of("/health", "/health/readiness", "/metrics")) {
            assertProblem(new ApiClient(port).get(path), 404);
        }
    }

    @Test
    void anUnknownPathIsAProblemOnTheManagementPort() {
        assertProblem(new ApiClient(managementPort).get("/nope"), 404);
    }

    /** 16 kB is over Tomcat's default of 8 kB: accepted, it shows the configured limit is in force. */
    @Test
    void bothPortsAcceptHeadersUpTo32kBAndRefuseLongerOnesAsProblems() {
        for (int serverPort : List.of(port, managementPort)) {
            String path = serverPort == port ? "/api/v1/tags" : "/health";
            RawHttp.Response accepted = new RawHttp(serverPort).send(withHeaderOf(path, 16_000));
            assertThat(accepted.status()).as("16 kB header, port %d", serverPort).isEqualTo(200);

            RawHttp.Response refused = new RawHttp(serverPort).send(withHeaderOf(path, 40_000));
            assertThat(refused.status()).as("40 kB header, port %d", serverPort).isEqualTo(400);
            assertThat(refused.header("Content-Type")).as("port %d", serverPort).startsWith(PROBLEM);
            assertThat(refused.body()).contains("\"status\":400");
        }
    }

    private static RawHttp.Request withHeaderOf(String path, int length) {
        return new RawHttp.Request("GET", path, "HTTP/1.1",
                List.of("Host: localhost", "X-Long: " + "x".repeat(length), "Connection: close"), "");
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(PROBLEM);
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
    }
}
