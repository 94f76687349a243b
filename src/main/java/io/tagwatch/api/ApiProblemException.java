package io.tagwatch.api;

/** A request the API refuses, answered as an RFC 9457 problem with this status. */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final String parameter;
    private final Integer retryAfterSeconds;

    private ApiProblemException(int status, String detail, String parameter) {
        this(status, detail, parameter, null);
    }

    private ApiProblemException(int status, String detail, String parameter, Integer retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.parameter = parameter;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiProblemException badParameter(String parameter, String detail) {
        return new ApiProblemException(400, detail, parameter);
    }

    public static ApiProblemException unauthorized(String detail) {
        return new ApiProblemException(401, detail, null);
    }

    public static ApiProblemException unavailable(String detail) {
        return new ApiProblemException(503, detail, null);
    }

    public static ApiProblemException notFound(String detail) {
        return new ApiProblemException(404, detail, null);
    }

    /** 429: too many at once; the client may try again after this many seconds (Retry-After). */
    public static ApiProblemException tooManyRequests(String detail, int retryAfterSeconds) {
        return new ApiProblemException(429, detail, null, retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    /** Seconds after which the request may succeed, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The query or path parameter at fault, or null. */
    public String parameter() {
        return parameter;
    }
}
