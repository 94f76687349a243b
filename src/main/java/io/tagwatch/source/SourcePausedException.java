package io.tagwatch.source;

import java.time.Instant;

/** A source is waiting (rate limit, budget, credentials, open circuit); no request was sent. */
public class SourcePausedException extends RuntimeException {

    private final SourceState state;
    private final Instant until;

    public SourcePausedException(SourceState state, Instant until, String reason) {
        super(reason);
        this.state = state;
        this.until = until;
    }

    public SourceState state() {
        return state;
    }

    /** When the source may be asked again, or null when a person must act first. */
    public Instant until() {
        return until;
    }
}
