package io.tagwatch.source;

/** The upstream no longer accepts the token sent (expired, revoked, unknown): a new one may be tried once. */
public class TokenRefused extends UpstreamException {

    public TokenRefused(String message) {
        super("unauthorized", false, message);
    }
}
