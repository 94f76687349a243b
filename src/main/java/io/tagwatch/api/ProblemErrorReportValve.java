package io.tagwatch.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Answers the errors the web server raises itself as problem+json instead of Tomcat's HTML page:
 * request lines or headers Tomcat cannot parse (refused before any servlet runs), unknown paths, and
 * methods a route does not answer. The detail is fixed per status, since Tomcat's own message may
 * quote the request target.
 */
class ProblemErrorReportValve extends ErrorReportValve {

    private final ObjectMapper json;

    ProblemErrorReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // the same guards as Tomcat's own report: only errors nobody has answered yet, on a live connection
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            String body = json.writeValueAsString(problem(status));
            response.setContentType(ProblemResponses.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            // null when the response was already committed: then there is nothing left to say
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is closed: there is no one left to answer
            container.getLogger().debug("Could not write the problem report", e);
        }
    }

    private static Problem problem(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        return new Problem("about:blank", title, status, detail(status), null);
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: its target or a header is not valid HTTP.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This path does not answer this method.";
            default -> status < 500 ? "The web server refused this request."
                    : "The request could not be answered; the error is logged.";
        };
    }
}
