package io.tagwatch.config;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set: the OpenTelemetry SDK built by its own
 * autoconfiguration, so every standard OTEL_* variable works (service name, sampler, headers, resource
 * attributes, protocol), and Camel's opentelemetry2 tracer on it, so each collection cycle is a trace
 * whose spans cover the routes, the upstream calls (see UpstreamClient) and the store batch.
 * <p>
 * Metrics and logs stay off whatever the environment says: Prometheus scrapes the metrics and filebeat
 * ships the logs, and a second path for either would count and ship everything twice.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${otel.exporter.otlp.endpoint:}'.isBlank()")
class TracingConfiguration {

    /** Defaults only: an OTEL_* variable or otel.* system property of the same name wins. */
    private static Map<String, String> defaults(String endpoint, String service) {
        return Map.of("otel.exporter.otlp.endpoint", endpoint, "otel.exporter.otlp.protocol", "http/protobuf",
                "otel.service.name", service);
    }

    private static final Map<String, String> ALWAYS = Map.of("otel.metrics.exporter", "none",
            "otel.logs.exporter", "none");

    /**
     * {@code customizers} are the SDK's own extension point, taken from the context so that a test can
     * read the spans in memory instead of exporting them.
     */
    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(@Value("${otel.exporter.otlp.endpoint}") String endpoint,
            @Value("${spring.application.name}") String service,
            ObjectProvider<AutoConfigurationCustomizerProvider> customizers) {
        AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults(endpoint, service))
                // not registered as the global instance: nothing here reads it, and tests build several
                .addPropertiesCustomizer(config -> ALWAYS);
        List<AutoConfigurationCustomizerProvider> extra = customizers.orderedStream().toList();
        extra.forEach(provider -> provider.customize(builder));
        return builder.build().getOpenTelemetrySdk();
    }

    /** Camel's tracer finds the tracer and the propagators by type in the registry, that is, here. */
    @Bean
    Tracer camelOpenTelemetryTracer(OpenTelemetrySdk openTelemetry) {
        return openTelemetry.getTracer("tagwatch");
    }

    @Bean
    ContextPropagators camelOpenTelemetryPropagators(OpenTelemetrySdk openTelemetry) {
        return openTelemetry.getPropagators();
    }

    /**
     * What camel-opentelemetry2-starter would do, but only here. The trace headers (CAMEL_TRACE_ID,
     * CAMEL_SPAN_ID) are what camel-mdc copies into the log MDC, renamed trace.id and span.id in
     * application.yaml.
     */
    @Bean(initMethod = "", destroyMethod = "")
    OpenTelemetryTracer camelTracer(CamelContext camel, Tracer tracer, ContextPropagators propagators) {
        OpenTelemetryTracer camelTracer = new OpenTelemetryTracer();
        camelTracer.setTraceHeadersInclusion(true);
        camelTracer.init(camel);
        return camelTracer;
    }
}
