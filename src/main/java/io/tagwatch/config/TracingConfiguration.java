package io.tagwatch.config;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry.OpenTelemetryTracer;
import org.apache.camel.opentelemetry.OpenTelemetryTracingStrategy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set: an OpenTelemetry SDK exporting over OTLP/HTTP,
 * and Camel's OpenTelemetry tracer on it, so each collection cycle is a trace whose spans cover the
 * routes, the upstream calls (see UpstreamClient) and the store batch. Camel also puts the trace and
 * span ids in the log MDC.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${otel.exporter.otlp.endpoint:}'.isBlank()")
class TracingConfiguration {

    @Bean
    SpanExporter otlpSpanExporter(@Value("${otel.exporter.otlp.endpoint}") String endpoint) {
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return OtlpHttpSpanExporter.builder().setEndpoint(base + "/v1/traces").build();
    }

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(SpanExporter exporter, @Value("${spring.application.name}") String service) {
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        return OpenTelemetrySdk.builder().setTracerProvider(tracing)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    }

    /** What camel-opentelemetry-starter would do, on this SDK instead of the global no-op one. */
    @Bean(initMethod = "", destroyMethod = "")
    OpenTelemetryTracer camelTracer(CamelContext camel, OpenTelemetry openTelemetry) {
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(openTelemetry.getTracer("tagwatch"));
        tracer.setContextPropagators(openTelemetry.getPropagators());
        // makes a route's span current while its processors run, so UpstreamClient's spans are its children
        OpenTelemetryTracingStrategy strategy = new OpenTelemetryTracingStrategy(tracer);
        strategy.setPropagateContext(true);
        tracer.setTracingStrategy(strategy);
        tracer.init(camel);
        return tracer;
    }
}
