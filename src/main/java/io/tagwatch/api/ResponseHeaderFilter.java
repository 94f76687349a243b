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
    /** Only with a 429 (ProblemResponses sets it then), so that a request's own Retry-After is not echoed. */
    private static final String RETRY_AFTER = "retry-after";

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(java.util.Locale.ROOT);
        if (name.equals(RETRY_AFTER)) {
            return !Integer.valueOf(429).equals(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class));
        }
        return !SENT.contains(name);
    }
}
