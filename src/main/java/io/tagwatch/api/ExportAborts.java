package io.tagwatch.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.coyote.CloseNowException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes the connection of an export that stopped after its answer began ({@link PostExport}), before
 * Tomcat ends the chunked body as if the export were whole. Camel's servlet swallows whatever its route
 * throws, so the export leaves a request attribute and this filter, outside the servlet, throws:
 * Tomcat takes a CloseNowException thrown by the application to mean just that (and logs it at DEBUG).
 */
class ExportAborts extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (request.getAttribute(PostExport.ABORTED) != null) {
            throw new CloseNowException("the export stopped before its end");
        }
    }
}
