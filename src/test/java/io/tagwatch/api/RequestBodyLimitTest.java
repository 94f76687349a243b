package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.config.TagwatchProperties;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the body limit reads of a request before it decides, and what it answers. */
class RequestBodyLimitTest {

    private static final int LIMIT = 1024;

    private final RequestBodyLimit filter = new RequestBodyLimit(properties(), new ObjectMapper());

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedWithoutReadingAByte() throws Exception {
        CountingBody body = new CountingBody(10L << 30);
        MockHttpServletResponse response = run(request("POST", body, 10L << 30));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":413").contains("larger than 1024 bytes");
        assertThat(body.read.get()).isZero();
    }

    @Test
    void aChunkedBodyIsReadUpToTheLimitPlusOneByteThenRefused() throws Exception {
        CountingBody body = new CountingBody(10L << 30);
        MockHttpServletResponse response = run(request("POST", body, -1));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(body.read.get()).isEqualTo(LIMIT + 1);
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheApiWhole() throws Exception {
        CountingBody body = new CountingBody(LIMIT);
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request("POST", body, -1), response, chain);
        assertThat(response.getStatus()).isEqualTo(200);
        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed.getContentLengthLong()).isEqualTo(LIMIT);
        assertThat(passed.getInputStream().readAllBytes()).hasSize(LIMIT);
    }

    @Test
    void methodsWithoutABodyRefuseAnyButPassWithNone() throws Exception {
        for (String method : List.of("GET", "HEAD", "DELETE", "OPTIONS")) {
            assertThat(run(request(method, new CountingBody(1), 1)).getStatus()).as(method).isEqualTo(413);
            assertThat(run(request(method, new CountingBody(1), -1)).getStatus()).as(method).isEqualTo(413);
            assertThat(run(request(method, new CountingBody(0), -1)).getStatus()).as(method).isEqualTo(200);
            assertThat(run(request(method, new CountingBody(0), 0)).getStatus()).as(method).isEqualTo(200);
        }
    }

    private MockHttpServletResponse run(HttpServletRequest request) throws ServletException, IOException {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static TagwatchProperties properties() {
        return new Binder(new MapConfigurationPropertySource(java.util.Map.of("tagwatch.api.max-body", LIMIT + "B")))
                .bindOrCreate("tagwatch", Bindable.of(TagwatchProperties.class));
    }

    /** A request whose body is {@code body}, with this Content-Length (-1: none, as when chunked). */
    private static HttpServletRequest request(String method, CountingBody body, long contentLength) {
        return new MockHttpServletRequest(method, "/api/v1/collect") {
            @Override
            public long getContentLengthLong() {
                return contentLength;
            }

            @Override
            public int getContentLength() {
                return (int) Math.min(Integer.MAX_VALUE, contentLength);
            }

            @Override
            public ServletInputStream getInputStream() {
                return body;
            }
        };
    }

    /** A body of {@code size} bytes that counts what is read of it. */
    private static final class CountingBody extends ServletInputStream {

        final AtomicLong read = new AtomicLong();
        private final long size;

        CountingBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read.get() >= size) {
                return -1;
            }
            read.incrementAndGet();
            return 'x';
        }

        @Override
        public boolean isFinished() {
            return read.get() >= size;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
        }
    }

}
