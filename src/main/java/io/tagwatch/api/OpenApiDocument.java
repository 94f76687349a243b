package io.tagwatch.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.springframework.stereotype.Component;

/**
 * GET /api/v1/openapi.json: the contract the REST DSL in routes/api.yaml declares, as camel-openapi
 * reads it, with what the DSL cannot say added here, in one place: the value ranges of integer
 * parameters (and their defaults as numbers), an explicitly empty security on the public operations,
 * problems as application/problem+json, and a server whose URL, put before a path, is the real one.
 * Built once: the REST routes do not change while the service runs.
 */
@Component("openApiDocument")
public class OpenApiDocument {

    /** Integer parameters' ranges, by operation: the bounds the query beans enforce. */
    static final Map<String, Map<String, int[]>> RANGES = Map.of(
            "topUsers", Map.of("limit", new int[] {StatsQueries.TOP_USERS_MIN, StatsQueries.TOP_USERS_MAX}),
            "listPosts", Map.of("limit", new int[] {PostQueries.PAGE_MIN, PostQueries.PAGE_MAX}));
    /** The operation whose 200 is a file (routes/api.yaml). */
    static final String EXPORT = "exportPosts";
    /** camel-servlet serves the REST DSL's paths under this. */
    static final String SERVER = "/api";

    private final CamelContext camel;
    private volatile String json;

    public OpenApiDocument(CamelContext camel) {
        this.camel = camel;
    }

    public String json(Exchange exchange) throws Exception {
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        String built = json;
        if (built == null) {
            json = built = build();
        }
        return built;
    }

    private String build() throws Exception {
        RestOpenApiSupport support = new RestOpenApiSupport();
        BeanConfig config = new BeanConfig();
        support.initOpenApi(config, camel.getRestConfiguration().getApiProperties());
        OpenAPI document = new RestOpenApiReader().read(camel, support.getRestDefinitions(camel), config,
                camel.getName(), camel.getClassResolver());
        complete(document);
        return RestOpenApiSupport.getJsonFromOpenAPIAsString(document, config);
    }

    /** What the REST DSL cannot declare. */
    static void complete(OpenAPI document) {
        document.setServers(List.of(new Server().url(SERVER).description("this service")));
        document.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (operation.getSecurity() == null) {
                operation.setSecurity(List.of()); // public: no credentials, said rather than left out
            }
            if (operation.getSummary() == null && operation.getDescription() != null) {
                operation.setSummary(firstSentence(operation.getDescription()));
            }
            ranges(operation);
            problems(operation);
            if (EXPORT.equals(operation.getOperationId())) {
                export(operation.getResponses().get("200"));
            }
        }));
    }

    /**
     * camel-openapi gives every answer the verb's produces; a problem is application/problem+json, and
     * a 429 says when to try again.
     */
    private static void problems(Operation operation) {
        operation.getResponses().forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                Content content = response.getContent();
                MediaType problem = content == null || content.isEmpty() ? null : content.values().iterator().next();
                if (problem != null) {
                    response.setContent(new Content().addMediaType(ProblemResponses.MEDIA_TYPE, problem));
                }
            }
            if (code.equals("429")) {
                response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again.")
                        .schema(new IntegerSchema().minimum(BigDecimal.ONE)));
            }
        });
    }

    /** The export's file: its media types, and the header that makes it an attachment. */
    private static void export(ApiResponse ok) {
        Content content = new Content();
        for (ExportFormat format : ExportFormat.values()) {
            content.addMediaType(format.contentType().substring(0, format.contentType().indexOf(';')),
                    new MediaType().schema(new StringSchema().description(format == ExportFormat.CSV
                            ? "RFC 4180, a header row, then a record per post" : "a post per line, as /v1/posts items")));
        }
        ok.setContent(content);
        ok.addHeaderObject("Content-Disposition", new Header().description(
                "attachment; filename=\"tagwatch-posts-<filters>-<day>.<format>\", and filename* in UTF-8")
                .schema(new StringSchema()));
    }

    private static void ranges(Operation operation) {
        Map<String, int[]> ranges = RANGES.getOrDefault(operation.getOperationId(), Map.of());
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            Schema<?> schema = parameter.getSchema();
            if ("integer".equals(schema.getType()) && schema.getDefault() instanceof String number) {
                schema.setDefault(Integer.valueOf(number)); // the DSL writes every default as text
            }
            int[] range = ranges.get(parameter.getName());
            if (range != null) {
                parameter.getSchema().setMinimum(BigDecimal.valueOf(range[0]));
                parameter.getSchema().setMaximum(BigDecimal.valueOf(range[1]));
            }
        }
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
