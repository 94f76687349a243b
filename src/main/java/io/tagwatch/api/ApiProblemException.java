package io.tagwatch.api;

/** A request the API refuses, answered as an RFC 9457 problem with this status. */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final String parameter;

    private ApiProblemException(int status, String detail, String parameter) {
        super(detail);
        this.status = status;
        this.parameter = parameter;
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

    public int status() {
        return status;
    }

    /** The query or path parameter at fault, or null. */
    public String parameter() {
        return parameter;
    }
}
