package io.tagwatch.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.config.TagwatchProperties;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over their limit before anything reads them: camel-http copies a body whole
 * into memory before any route (or the token check) runs, and Spring MVC's form filter would read a
 * form PUT to any path, so one multi-gigabyte body would exhaust the heap. Methods that carry no body here (GET, HEAD, ...) refuse any; POST takes up to
 * tagwatch.api.max-body. A declared Content-Length decides before a byte is read; a chunked body is
 * read up to the limit plus one byte, then refused or handed on from memory.
 *
 * <p>A form body is refused as unsupported (415) whatever its size: no endpoint reads one (POST /collect
 * takes its parameters from the query string), yet camel-http URL-decodes it into headers before any
 * route runs, and a malformed one ("%%") threw there, past the routes' problem answers.
 */
class RequestBodyLimit extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST");

    private final long maxBody;
    private final ObjectMapper json;

    RequestBodyLimit(TagwatchProperties properties, ObjectMapper json) {
        this.maxBody = properties.api().maxBody().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = WITH_BODY.contains(request.getMethod()) ? maxBody : 0;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, limit);
            return;
        }
        if (declared >= 0) {
            if (declared > 0 && isForm(request)) {
                refuseForm(response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        // no Content-Length: chunked, or no body at all
        byte[] body = request.getInputStream().readNBytes((int) limit + 1);
        if (body.length > limit) {
            refuse(response, limit);
            return;
        }
        if (body.length > 0 && isForm(request)) {
            refuseForm(response);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private void refuse(HttpServletResponse response, long limit) throws IOException {
        String detail = limit == 0 ? "This endpoint takes no request body."
                : "The request body is larger than " + limit + " bytes.";
        write(response, 413, "Content Too Large", detail);
    }

    private void refuseForm(HttpServletResponse response) throws IOException {
        write(response, 415, "Unsupported Media Type",
                "The API reads no form body; send parameters in the query string.");
    }

    private void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        // the rest of the body may be unread, so the connection cannot carry another request
        response.setHeader("Connection", "close");
        response.setStatus(status);
        response.setContentType(ProblemResponses.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(new Problem("about:blank", title, status, detail, null)));
    }

    /** The request with the body already read into memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }
    }
}
