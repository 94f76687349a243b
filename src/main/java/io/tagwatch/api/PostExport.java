package io.tagwatch.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

import io.tagwatch.collect.TrackedTags;
import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.post.SearchQuery;
import io.tagwatch.store.PostFilter;
import io.tagwatch.store.PostReads;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.http.common.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * GET /api/v1/posts/export: every post the filters of /api/v1/posts and a search keep, streamed from a
 * database cursor straight into the response, as CSV or NDJSON.
 *
 * <p>The posts are written here, while the cursor is open, rather than handed back to Camel as a body:
 * Camel writes a body after the route has returned, and logs a client that went away as an ERROR. Bad
 * parameters and a full house are refused before the first byte, as problems. Once the answer has
 * begun, an export that cannot finish (the client went away, its deadline passed, the database failed,
 * the service is stopping) frees its cursor and connection at once, and the connection is closed
 * without the final chunk ({@link ExportAborts}), so that no client takes a cut export for a whole one.
 */
@Component
public class PostExport {

    static final int RETRY_AFTER_SECONDS = 10;
    /** The request attribute that tells {@link ExportAborts} to close the connection. */
    static final String ABORTED = PostExport.class.getName() + ".aborted";

    private static final Logger log = LoggerFactory.getLogger(PostExport.class);
    private static final int BUFFER = 64 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** How an export ended, in the log line and the metric. */
    private enum Outcome {
        COMPLETE, CLIENT_GONE, DEADLINE, STOPPING, DATABASE_ERROR
    }

    /** The export cannot go on for a reason of the service's own, not the client's. */
    private static final class Stopped extends IOException {
        private final Outcome outcome;

        Stopped(Outcome outcome) {
            super(outcome.name());
            this.outcome = outcome;
        }
    }

    private final PostReads reads;
    private final TrackedTags trackedTags;
    private final ObjectMapper json;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Semaphore running;
    private final int maxRunning;
    private final long deadlineNanos;
    private volatile boolean stopping;

    public PostExport(PostReads reads, TrackedTags trackedTags, ObjectMapper json, Clock clock, MeterRegistry registry,
            TagwatchProperties properties) {
        this.reads = reads;
        this.trackedTags = trackedTags;
        this.json = json;
        this.clock = clock;
        this.registry = registry;
        this.maxRunning = properties.api().maxConcurrentExports();
        this.running = new Semaphore(maxRunning);
        this.deadlineNanos = properties.api().exportDeadline().toNanos();
    }

    /** Running exports end before the web server's graceful shutdown starts waiting for them. */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        stopping = true;
    }

    public void export(@Header(Exchange.HTTP_QUERY) String rawQuery, Exchange exchange) throws IOException {
        QueryParams query = QueryParams.parse(rawQuery);
        ExportFormat format = ExportFormat.valueOf(query.oneOf("format", Set.of("csv", "ndjson"), "csv")
                .toUpperCase(Locale.ROOT));
        PostFilter filter = Filters.posts(query, trackedTags);
        SearchQuery search = query.search("q");
        HttpMessage http = exchange.getIn(HttpMessage.class);
        if (http == null) {
            throw new IllegalStateException("an export answers HTTP requests only");
        }
        if (stopping) {
            throw ApiProblemException.unavailable("The service is stopping; export again shortly.");
        }
        if (!running.tryAcquire()) {
            registry.counter("tagwatch.exports", "format", format.extension(), "outcome", "refused").increment();
            throw ApiProblemException.tooManyRequests(maxRunning + " exports are running already; try again in "
                    + RETRY_AFTER_SECONDS + " seconds", RETRY_AFTER_SECONDS);
        }
        try {
            stream(format, filter, search, http);
        } finally {
            running.release();
        }
        // written already: nothing is left for Camel to write
        exchange.getMessage().setBody(null);
    }

    private void stream(ExportFormat format, PostFilter filter, SearchQuery search, HttpMessage http)
            throws IOException {
        long started = System.nanoTime();
        HttpServletResponse response = http.getResponse();
        response.setStatus(200);
        response.setContentType(format.contentType());
        response.setHeader("Content-Disposition", disposition(filter, search, format));
        response.setBufferSize(BUFFER);
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), BUFFER);
        long[] posts = {0};
        Outcome outcome = Outcome.COMPLETE;
        try {
            format.begin(out);
            reads.export(filter, search, post -> {
                if (stopping) {
                    throw new Stopped(Outcome.STOPPING);
                }
                if (System.nanoTime() - started > deadlineNanos) {
                    throw new Stopped(Outcome.DEADLINE);
                }
                format.write(out, post, json);
                if (++posts[0] == 1) {
                    out.flush(); // the first post goes out at once: the client sees the export has begun
                }
            });
            out.flush();
            // the servlet stream is not closed: Tomcat ends the response, and a 200 with no post is still a 200
            response.flushBuffer();
        } catch (Stopped e) {
            outcome = e.outcome;
            abort(http, out, e.outcome == Outcome.STOPPING ? "The service is stopping; export again shortly."
                    : "The export did not finish within its deadline; narrow the filters.");
        } catch (DataAccessException | TransactionException e) {
            // a failure to begin the read-only transaction (no connection: the database is down or the pool
            // spent) is a TransactionException, not a DataAccessException, and is the database's as much
            outcome = Outcome.DATABASE_ERROR;
            abort(http, out, null);
            throw e;
        } catch (IOException e) {
            // a write failed: the client closed the connection or stopped reading; there is no one to tell
            outcome = Outcome.CLIENT_GONE;
        } finally {
            String name = outcome.name().toLowerCase(Locale.ROOT);
            registry.counter("tagwatch.exports", "format", format.extension(), "outcome", name).increment();
            long millis = (System.nanoTime() - started) / 1_000_000;
            // one line per export, its numbers also as fields; never the search's text
            (outcome == Outcome.DATABASE_ERROR ? log.atWarn() : log.atInfo())
                    .addKeyValue("tagwatch.export.format", format.extension())
                    .addKeyValue("tagwatch.export.posts", posts[0]).addKeyValue("tagwatch.duration_ms", millis)
                    .addKeyValue("tagwatch.outcome", name)
                    .log("Exported format={} posts={} durationMs={} outcome={}", format.extension(), posts[0], millis, name);
        }
    }

    /**
     * An export that cannot finish. Before its first byte went out it is answered as a problem (the
     * headers set for the file are dropped); after, what is buffered goes out and the connection is
     * closed without the final chunk, which HTTP clients report as a cut transfer.
     */
    private static void abort(HttpMessage http, Writer out, String unavailable) {
        HttpServletResponse response = http.getResponse();
        if (!response.isCommitted()) {
            response.reset();
            if (unavailable != null) {
                throw ApiProblemException.unavailable(unavailable);
            }
            return; // the caller rethrows the database's failure, answered as a problem
        }
        try {
            out.flush();
        } catch (IOException e) {
            // the client is gone as well
        }
        http.getRequest().setAttribute(ABORTED, Boolean.TRUE);
    }

    /**
     * attachment, named after what it holds and when: tagwatch-posts-sre-demo-from-20261115T000000Z-
     * 2026-12-01.csv. Tags may be in any script, so the name is also given in UTF-8 (RFC 6266), and in
     * ASCII for clients that read only that.
     */
    String disposition(PostFilter filter, SearchQuery search, ExportFormat format) {
        List<String> parts = new ArrayList<>(List.of("tagwatch-posts"));
        for (String value : new String[] {filter.tag(), filter.source(), filter.lang(), filter.country()}) {
            if (value != null) {
                parts.add(value);
            }
        }
        if (filter.from() != null) {
            parts.add("from-" + STAMP.format(filter.from()));
        }
        if (filter.to() != null) {
            parts.add("to-" + STAMP.format(filter.to()));
        }
        if (search != null) {
            parts.add("search-" + String.join("_", search.words()));
        }
        parts.add(LocalDate.ofInstant(Instant.now(clock), ZoneOffset.UTC).toString());
        String name = String.join("-", parts);
        if (name.codePointCount(0, name.length()) > 150) {
            name = name.substring(0, name.offsetByCodePoints(0, 150));
        }
        name += "." + format.extension();
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
