package io.tagwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.tagwatch.support.FakeUpstream;
import io.tagwatch.support.FakeUpstream.Reply;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an OTLP endpoint configured, one collection cycle is one trace covering the upstream call and
 * the store batch, and the cycle's log line carries that trace's id. The SDK is configured from the
 * standard otel.* names; its exporter is swapped for an in-memory one to read the spans.
 */
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = {"tagwatch.sources=mastodon", "tagwatch.collect.first-run-delay=3600000",
        "tagwatch.routes-dir=target/no-routes-dir", "otel.exporter.otlp.endpoint=http://127.0.0.1:9"})
class TracingTest {

    static final FakeUpstream MASTODON = new FakeUpstream();

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    /** Through the SDK's own extension point, as any other customization of the exporter would go. */
    @TestConfiguration
    static class InMemorySpans {
        @Bean
        AutoConfigurationCustomizerProvider inMemorySpans() {
            return builder -> builder.addSpanExporterCustomizer((otlp, config) -> SPANS);
        }
    }

    static {
        // the standard names, read by the SDK's autoconfiguration as it reads OTEL_RESOURCE_ATTRIBUTES
        System.setProperty("otel.resource.attributes", "deployment.environment=tracing-test");
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-tracing");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
        registry.add("tagwatch.mastodon.instances[0].url", MASTODON::baseUrl);
    }

    @AfterAll
    static void stop() {
        System.clearProperty("otel.resource.attributes");
        MASTODON.close();
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    OpenTelemetrySdk openTelemetry;

    @Test
    void aCycleIsOneTraceOverTheUpstreamCallAndTheStoreBatch(CapturedOutput output) throws Exception {
        MASTODON.answer(request -> Reply.json(200, """
                [{"id":"1001","created_at":"2026-11-20T10:00:00.000Z","language":"en",
                  "uri":"https://origin.example/users/ana/statuses/7","url":"https://origin.example/@ana/7",
                  "content":"<p>traced #sre</p>","tags":[{"name":"sre"}],
                  "account":{"id":"5","username":"ana","acct":"ana@origin.example","display_name":"Ana",
                             "url":"https://origin.example/@ana","followers_count":3,"fields":[]}}]""")
                .withHeaders(java.util.Map.of("X-RateLimit-Remaining", "249")));
        camel.send("direct:collect-cycle", e -> e.getMessage().setHeader("tag", "sre"));
        openTelemetry.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        // the thread that started the cycle keeps neither its log context nor its span: its next lines
        // would carry a finished cycle's ids
        assertThat(org.slf4j.MDC.getCopyOfContextMap()).as("MDC left on the calling thread").isNullOrEmpty();
        assertThat(io.opentelemetry.api.trace.Span.current().getSpanContext().isValid()).as("span left current")
                .isFalse();

        List<SpanData> spans = SPANS.getFinishedSpanItems();
        SpanData upstream = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT && s.getName().equals("GET mastodon"))
                .findFirst().orElseThrow(() -> new AssertionError("no upstream span in " + names(spans)));
        SpanData store = spans.stream().filter(s -> s.getName().contains("store-batch")).findFirst()
                .orElseThrow(() -> new AssertionError("no store-batch span in " + names(spans)));
        String traceId = upstream.getTraceId();
        assertThat(store.getTraceId()).isEqualTo(traceId);
        assertThat(upstream.getAttributes().asMap().toString()).contains("/api/v1/timelines/tag/sre");
        assertThat(upstream.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("tagwatch");
        assertThat(upstream.getResource().getAttribute(AttributeKey.stringKey("deployment.environment")))
                .isEqualTo("tracing-test");

        JsonNode cycleLine = null;
        for (String line : output.getOut().split("\n")) {
            if (line.contains("Collected tag=sre source=mastodon")) {
                cycleLine = new ObjectMapper().readTree(line);
            }
        }
        assertThat(cycleLine).as("the cycle's log line").isNotNull();
        assertThat(cycleLine.get("message").asText()).matches("Collected tag=sre source=mastodon read=1 new=1"
                + " duplicates=0 pages=1 durationMs=\\d+ rateLimitRemaining=249 outcome=ok");
        String logged = cycleLine.has("trace.id") ? cycleLine.get("trace.id").asText()
                : cycleLine.path("trace").path("id").asText();
        assertThat(logged).isEqualTo(traceId);
        assertThat(field(cycleLine, "tagwatch.tag")).isEqualTo("sre");
        assertThat(field(cycleLine, "tagwatch.source")).isEqualTo("mastodon");
        assertThat(field(cycleLine, "tagwatch.read")).isEqualTo("1");
        assertThat(field(cycleLine, "tagwatch.new")).isEqualTo("1");
        assertThat(field(cycleLine, "tagwatch.duplicates")).isEqualTo("0");
        assertThat(field(cycleLine, "tagwatch.pages")).isEqualTo("1");
        assertThat(field(cycleLine, "tagwatch.duration_ms")).matches("\\d+");
        assertThat(field(cycleLine, "tagwatch.outcome")).isEqualTo("ok");
        assertThat(cycleLine.path("camel").path("routeId").asText()).isEqualTo("collect-cycle");
    }

    /** A field of an ECS line, written dotted ("tagwatch.tag") or nested ({"tagwatch":{"tag":...}}). */
    private static String field(JsonNode line, String name) {
        if (line.has(name)) {
            return line.get(name).asText();
        }
        JsonNode node = line;
        for (String part : name.split("\\.")) {
            node = node.path(part);
        }
        return node.asText();
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }
}
