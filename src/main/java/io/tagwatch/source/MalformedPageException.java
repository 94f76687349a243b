package io.tagwatch.source;

/** An upstream answered 200 with a body that is not the documented wire format. */
public class MalformedPageException extends RuntimeException {

    public MalformedPageException(String message) {
        super(message);
    }

    public MalformedPageException(String message, Throwable cause) {
        super(message, cause);
    }
}
