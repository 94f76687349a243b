package io.tagwatch.collect;

import io.tagwatch.post.Tags;

import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Names each route made from the {@code collect-tag} template {@code collect-<tag>}; Camel would number
 * them route1, route2... This way logs and route metrics say which tag they are about, and a tag
 * defined twice is refused as a duplicate route. Done as the CamelContext bean is created, before any
 * route file is loaded.
 */
@Component
class CollectRouteNaming implements BeanPostProcessor {

    static final String TEMPLATE = "collect-tag";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof CamelContext camel) {
            camel.getCamelContextExtension().getContextPlugin(Model.class)
                    .addRouteTemplateDefinitionConverter(TEMPLATE, (template, parameters) -> {
                        RouteDefinition route = template.asRouteDefinition();
                        route.setId("collect-" + Tags.normalize(String.valueOf(parameters.get("tag"))));
                        return route;
                    });
        }
        return bean;
    }
}
