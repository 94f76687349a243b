package io.tagwatch.api;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.config.TagwatchProperties;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The servlet filters in front of the Camel servlet that serves /api/*. */
@Configuration(proxyBeanMethods = false)
class ApiFilters {

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(TagwatchProperties properties, ObjectMapper json) {
        FilterRegistrationBean<RequestBodyLimit> registration =
                new FilterRegistrationBean<>(new RequestBodyLimit(properties, json));
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
