package io.tagwatch.api;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.config.TagwatchProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The servlet filters in front of every path. */
@Configuration(proxyBeanMethods = false)
class ApiFilters {

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(TagwatchProperties properties, ObjectMapper json) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(properties, json));
        // every path, and before any filter that reads a body (Spring MVC's FormContentFilter reads a form
        // PUT whole into a String); after the observation filter, so that refusals are counted
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ExportAborts> exportAborts() {
        FilterRegistrationBean<ExportAborts> registration = new FilterRegistrationBean<>(new ExportAborts());
        registration.addUrlPatterns("/api/v1/posts/export");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
