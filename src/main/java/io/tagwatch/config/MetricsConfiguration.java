package io.tagwatch.config;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The routes count and time through camel-micrometer endpoints, which tag every meter with
 * camelContext. tagwatch's own meters keep exactly the labels that alert rules, runbooks and
 * dashboards query (source, tag), so the tag is taken off them.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    MeterFilter tagwatchMeterLabels() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("tagwatch.") && id.getTag("camelContext") != null
                        ? id.replaceTags(id.getTags().stream().filter(t -> !t.getKey().equals("camelContext")).toList())
                        : id;
            }
        };
    }
}
