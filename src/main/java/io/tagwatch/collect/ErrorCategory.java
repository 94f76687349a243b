package io.tagwatch.collect;

import java.sql.SQLException;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.tagwatch.source.SourcePausedException;
import io.tagwatch.source.SourceState;
import io.tagwatch.source.UpstreamException;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * What went wrong with a source, as the public GET /api/v1/tags says it: a category from the metrics'
 * outcome vocabulary and a fixed phrase. The failure's own text (SQL, hosts, an upstream's error
 * strings) goes to the log only.
 */
public enum ErrorCategory {
    RATE_LIMITED("The upstream asked to slow down; nothing is sent until its reset."),
    UNAUTHORIZED("The upstream refused the credentials, or wants a login; nothing is sent until a person acts."),
    BUDGET_EXHAUSTED("The daily read budget, a usage cap or the credits are spent."),
    CIRCUIT_OPEN("Several cycles in a row failed; the source rests, then tries once."),
    SERVER_ERROR("The upstream answered with a server error, or could not be reached."),
    TIMEOUT("The upstream did not answer in time."),
    MALFORMED("The upstream's answer could not be read."),
    CLIENT_ERROR("The upstream refused the request."),
    REDIRECT("The upstream answered with a redirect, which is not followed."),
    DATABASE_UNAVAILABLE("The database did not answer; nothing was stored."),
    INTERNAL_ERROR("The cycle failed; the error is logged.");

    private final String phrase;

    ErrorCategory(String phrase) {
        this.phrase = phrase;
    }

    public String phrase() {
        return phrase;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category of a state a source's gate is in; null for ok and error. */
    static ErrorCategory of(SourceState state) {
        return switch (state) {
            case RATE_LIMITED -> RATE_LIMITED;
            case UNAUTHORIZED -> UNAUTHORIZED;
            case BUDGET_EXHAUSTED -> BUDGET_EXHAUSTED;
            case CIRCUIT_OPEN -> CIRCUIT_OPEN;
            default -> null;
        };
    }

    /** The category of a failure, or of the first cause that has one. */
    static ErrorCategory of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SourcePausedException paused && of(paused.state()) != null) {
                return of(paused.state());
            }
            if (cause instanceof UpstreamException upstream) {
                for (ErrorCategory category : values()) {
                    if (category.wireName().equals(upstream.outcome())) {
                        return category;
                    }
                }
            }
        }
        return isStoreFailure(failure) ? DATABASE_UNAVAILABLE : INTERNAL_ERROR;
    }

    /** The database failed, not the source. */
    static boolean isStoreFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof TransactionException
                    || cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
