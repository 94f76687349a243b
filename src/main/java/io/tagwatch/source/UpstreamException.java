package io.tagwatch.source;

/**
 * An upstream call failed. {@code outcome} is the metric label: server_error, timeout, malformed,
 * client_error. Retryable failures are retried with backoff within the cycle.
 */
public class UpstreamException extends RuntimeException {

    private final String outcome;
    private final boolean retryable;

    public UpstreamException(String outcome, boolean retryable, String message) {
        super(message);
        this.outcome = outcome;
        this.retryable = retryable;
    }

    public static UpstreamException serverError(int status) {
        return new UpstreamException("server_error", true, "upstream answered HTTP " + status);
    }

    public static UpstreamException malformed(String detail) {
        return new UpstreamException("malformed", true, detail);
    }

    public static UpstreamException clientError(int status, String detail) {
        return new UpstreamException("client_error", false, "upstream answered HTTP " + status + ": " + detail);
    }

    public String outcome() {
        return outcome;
    }

    public boolean retryable() {
        return retryable;
    }
}
