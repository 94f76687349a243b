package io.tagwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
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
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.support.ApiClient;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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
@ExtendWith(OutputCaptureExtension.class)
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

    /**
     * Every field a Kibana dashboard reads is one the app's ECS logs carry, one metricbeat's prometheus
     * module makes from the app's /metrics (prometheus.metrics.*, prometheus.labels.*), or a query of
     * metricbeat.yml (prometheus.query.*). No data view defines a runtime field: the collection line's
     * numbers are fields of their own, so nothing parses the message.
     */
    @Test
    void dashboardsReadOnlyFieldsThatExist(CapturedOutput output) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Set<String> fields = new TreeSet<>();
        Set<String> runtimeFields = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(repo.resolve("kibana"))) {
            for (Path ndjson : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                for (String line : Files.readAllLines(ndjson)) {
                    if (!line.isBlank()) {
                        collectFields(json, json.readTree(line), fields, runtimeFields);
                    }
                }
            }
        }
        assertThat(fields).contains("log.level", "service.name", "prometheus.metrics.tagwatch_posts_collected_total",
                "tagwatch.outcome", "tagwatch.duration_ms", "tagwatch.tag");
        assertThat(runtimeFields).as("runtime fields").isEmpty();
        // the ECS encoder writes error.* only with an exception: log one through the app's logging
        LoggerFactory.getLogger("io.tagwatch.ops").error("dashboard field check", new IllegalStateException("boom"));
        ApiClient app = new ApiClient(port);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> output.getOut().contains("Collected tag="));
        app.get("/api/v1/tags"); // an HTTP request, so the server metrics exist
        String metrics = app.get("/metrics").body();
        String metricbeat = Files.readString(repo.resolve("metricbeat/metricbeat.yml"));
        Set<String> logFields = new TreeSet<>();
        for (String line : output.getOut().split("\n")) {
            if (line.startsWith("{")) {
                flatten("", json.readTree(line), logFields);
            }
        }
        for (String field : fields) {
            if (field.startsWith("prometheus.metrics.")) {
                assertThat(metrics).as(field).containsPattern("(?m)^" + field.substring(19) + "(\\{| )");
            } else if (field.startsWith("prometheus.labels.")) {
                String label = field.substring(18);
                if (!Set.of("job", "instance").contains(label)) { // added by the scraper
                    assertThat(metrics).as(field).containsPattern("[{,]" + label + "=\"");
                }
            } else if (field.startsWith("prometheus.query.")) {
                assertThat(metricbeat).as(field).contains(field.substring(17));
            } else if (!field.equals("___records___")) {
                assertThat(logFields).as("log field %s", field).contains(field);
            }
        }
    }

    private static final Pattern KQL_FIELD = Pattern.compile("([A-Za-z@_][A-Za-z0-9_.@]*)\\s*(?::|>|<)");

    private static void collectFields(ObjectMapper json, JsonNode node, Set<String> fields, Set<String> runtimeFields)
            throws IOException {
        if (node.isObject()) {
            var entries = node.fields();
            while (entries.hasNext()) {
                var entry = entries.next();
                JsonNode value = entry.getValue();
                if (entry.getKey().equals("sourceField") && value.isTextual()) {
                    fields.add(value.asText());
                } else if (entry.getKey().equals("columns") && value.isArray()) {
                    value.forEach(column -> {
                        if (column.isTextual()) {
                            fields.add(column.asText()); // a saved search's columns
                        }
                    });
                } else if (entry.getKey().equals("query") && value.isTextual()) {
                    Matcher m = KQL_FIELD.matcher(value.asText().replaceAll("\"[^\"]*\"", "\"\""));
                    while (m.find()) {
                        fields.add(m.group(1));
                    }
                } else if (entry.getKey().equals("runtimeFieldMap")) {
                    JsonNode map = value.isTextual() ? json.readTree(value.asText()) : value;
                    map.fieldNames().forEachRemaining(runtimeFields::add);
                }
                collectFields(json, value, fields, runtimeFields);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collectFields(json, item, fields, runtimeFields);
            }
        } else if (node.isTextual() && (node.asText().startsWith("{") || node.asText().startsWith("["))) {
            try {
                collectFields(json, json.readTree(node.asText()), fields, runtimeFields); // Kibana's JSON-in-strings
            } catch (IOException notJson) {
                // a string that only looks like JSON
            }
        }
    }

    private static void flatten(String prefix, JsonNode node, Set<String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), into));
        } else {
            into.add(prefix);
        }
    }

    private static String encode(String query) {
        return java.net.URLEncoder.encode(query, java.nio.charset.StandardCharsets.UTF_8);
    }

}
