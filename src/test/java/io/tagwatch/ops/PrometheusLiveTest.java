package io.tagwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.support.ApiClient;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The app (demo profile) and a real Prometheus (Debian package `prometheus`) with the repository's
 * rules, on loopback: every metric a rule or a dashboard names exists in the app's /metrics, and every
 * recording rule yields a series.
 */
@DirtiesContext
@AutoConfigureObservability
@ActiveProfiles("demo")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tagwatch.collect.first-run-delay=100", "tagwatch.routes-dir=target/no-routes-dir"})
class PrometheusLiveTest {

    /** A metric name in PromQL: what is left once labels, strings and functions are set apart. */
    private static final Pattern METRIC = Pattern.compile("(?<![a-zA-Z0-9_:])((?:tagwatch|http_server|camel|jvm|process)_[a-zA-Z0-9_]*)(?![a-zA-Z0-9_:])");
    private static final Pattern DASHBOARD_METRIC = Pattern.compile("prometheus\\.metrics\\.([a-zA-Z0-9_]+)");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-prometheus");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @LocalServerPort
    int port;
    private Process prometheus;

    @AfterEach
    void stopPrometheus() {
        if (prometheus != null) {
            prometheus.destroy();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void rulesAndDashboardsUseRealMetricsAndEveryRecordingRuleYieldsASeries() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        List<Path> rules;
        try (Stream<Path> files = Files.list(repo.resolve("prometheus/rules"))) {
            rules = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(rules).isNotEmpty();
        ApiClient app = new ApiClient(port);
        app.get("/api/v1/stats/top-users");
        app.get("/api/v1/stats/posts-by-hour");

        String metrics = app.get("/metrics").body();
        Set<String> used = new TreeSet<>();
        Set<String> records = new TreeSet<>();
        for (Path rule : rules) {
            Map<String, Object> document = new Yaml().load(Files.readString(rule));
            for (Map<String, Object> group : (List<Map<String, Object>>) document.get("groups")) {
                for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                    if (r.containsKey("record")) {
                        records.add((String) r.get("record"));
                    }
                    // label matchers and strings hold no metric names
                    String expr = ((String) r.get("expr")).replaceAll("\\{[^}]*\\}", "").replaceAll("\"[^\"]*\"", "");
                    Matcher m = METRIC.matcher(expr);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(repo.resolve("kibana"))) {
            for (Path ndjson : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                Matcher m = DASHBOARD_METRIC.matcher(Files.readString(ndjson));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(records).isNotEmpty();
        for (String name : used) {
            assertThat(metrics).as("metric %s, used by a rule or dashboard", name)
                    .containsPattern("(?m)^" + name + "(\\{| )");
        }

        int promPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            promPort = socket.getLocalPort();
        }
        Path dir = Files.createTempDirectory("prometheus");
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                %s
                scrape_configs:
                  - job_name: tagwatch
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(String.join("\n", rules.stream().map(r -> "  - " + r).toList()), port));
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(new File(dir.resolve("prometheus.log").toString())).start();
        ApiClient prom = new ApiClient(promPort);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> prom.getJson("/api/v1/query?query=up%7Bjob%3D%22tagwatch%22%7D").at("/data/result/0/value/1")
                        .asText().equals("1"));
        for (String record : records) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .untilAsserted(() -> {
                        app.get("/api/v1/stats/top-users");
                        JsonNode result = prom.getJson("/api/v1/query?query=" + encode(record)).at("/data/result");
                        assertThat(result.size()).as("series of recording rule %s", record).isPositive();
                    });
        }
        JsonNode alerts = prom.getJson("/api/v1/rules?type=alert").at("/data/groups");
        assertThat(alerts.size()).isPositive(); // the alert rules loaded too
    }

    private static String encode(String query) {
        return java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
    }

}
