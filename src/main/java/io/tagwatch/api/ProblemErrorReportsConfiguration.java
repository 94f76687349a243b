package io.tagwatch.api;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * Problem+json error reports on every web server the service runs. The main one gets them because this
 * is a configuration class that component scanning finds. With {@code management.server.port} set,
 * /health and /metrics are served by a second Tomcat in a child context, which applies none of the main
 * server's customizers: META-INF/spring/...ManagementContextConfiguration.imports lists this class for
 * that context too. (Tomcat's header size limit needs nothing here: Spring Boot copies the server.*
 * settings to the management server.)
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ProblemErrorReportsConfiguration {

    @Bean
    ProblemErrorReports problemErrorReports(ObjectMapper json) {
        return new ProblemErrorReports(json);
    }
}
