package io.tagwatch.api;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.http.common.HttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Lets only the response headers the API means to send reach the client. By default Camel writes every
 * message header into the response, so query parameters (10 kB of them, or an Authorization header)
 * would be echoed back.
 */
@Component("apiHeaderFilter")
public class ResponseHeaderFilter extends HttpHeaderFilterStrategy {

    // no route sets Cache-Control: allowed, it only echoed the request's, and a long one broke Tomcat's
    // 8 kB response header limit (a 500 the fuzz suite found)
    private static final Set<String> SENT = Set.of("content-type", "www-authenticate", "x-tagwatch-truncated");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !SENT.contains(headerName.toLowerCase(java.util.Locale.ROOT));
    }
}
