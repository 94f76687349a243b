package io.tagwatch.collect;

import java.util.Set;
import java.util.TreeSet;

import io.tagwatch.post.Tags;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.springframework.stereotype.Component;

/**
 * The tags being collected: one per route made from the {@code collect-tag} template. The running
 * routes are the only record, so a tag added or removed in a route file is reflected at once.
 */
@Component
public class TrackedTags {

    static final String ROUTE_GROUP = "collect";
    static final String TEMPLATE = "collect-tag";

    private final CamelContext camel;

    public TrackedTags(CamelContext camel) {
        this.camel = camel;
    }

    public Set<String> current() {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        Set<String> tags = new TreeSet<>();
        for (Route route : camel.getRoutes()) {
            if (!ROUTE_GROUP.equals(route.getGroup())) {
                continue;
            }
            RouteDefinition definition = model.getRouteDefinition(route.getRouteId());
            Object tag = definition == null ? null : definition.getTemplateParameters().get("tag");
            if (tag != null) {
                tags.add(Tags.normalize(tag.toString()));
            }
        }
        return tags;
    }

    /** Logs and route metrics name the tag: collect-devops rather than route7. */
    static String routeId(String tag) {
        return "collect-" + tag;
    }

    public boolean isTracked(String tag) {
        return current().contains(tag);
    }
}
