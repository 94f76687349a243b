package io.tagwatch.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Gives requests to the Camel REST API their route template as the {@code uri} of
 * http_server_requests_seconds ("/api/v1/posts/{source}/{id}"). Spring MVC knows only its own
 * handlers and would say UNKNOWN; a raw path would put ids into a label.
 */
@Component
public class ApiUriTemplates extends DefaultServerRequestObservationConvention {

    private static final String API = "/api";

    private record Template(Pattern pattern, String uri) {
    }

    private final CamelContext camel;
    private volatile List<Template> templates;

    public ApiUriTemplates(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    protected KeyValue uri(ServerRequestObservationContext context) {
        KeyValue mvc = super.uri(context);
        String path = context.getCarrier().getRequestURI();
        if (!"UNKNOWN".equals(mvc.getValue()) || path == null || !path.startsWith(API + "/")) {
            return mvc;
        }
        for (Template template : templates()) {
            if (template.pattern().matcher(path).matches()) {
                return KeyValue.of("uri", template.uri());
            }
        }
        return KeyValue.of("uri", API + "/**");
    }

    private List<Template> templates() {
        List<Template> known = templates;
        if (known == null) {
            known = new ArrayList<>();
            for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRestDefinitions()) {
                for (VerbDefinition verb : rest.getVerbs()) {
                    String uri = API + (rest.getPath() == null ? "" : rest.getPath()) + verb.getPath();
                    known.add(new Template(Pattern.compile(Pattern.quote(uri).replaceAll("\\{[^}]+\\}",
                            "\\\\E[^/]+\\\\Q")), uri));
                }
            }
            templates = known;
        }
        return known;
    }
}
