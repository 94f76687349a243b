package io.tagwatch.config;

import java.net.URI;
import java.net.URISyntaxException;

/** How a secret appears wherever it could be printed: whether it is set, never its value. */
public final class Secrets {

    private Secrets() {
    }

    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(unset)" : "(set)";
    }

    /** A URL without the user:password@ it may carry. */
    static String withoutUserInfo(URI url) {
        if (url == null || url.getRawUserInfo() == null) {
            return String.valueOf(url);
        }
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(a URL with credentials)";
        }
    }
}
