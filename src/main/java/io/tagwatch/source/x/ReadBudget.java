package io.tagwatch.source.x;

import java.time.Instant;

/**
 * The X spending guard's ledger: posts read per UTC day (the billable unit), shared by every process on
 * the database (io.tagwatch.store implements it). A page's reads are reserved before it is asked for,
 * by an update that cannot take more than the day has left, and settled when it is answered; so cycles
 * at once, in one process or several, overshoot the budget by less than one page.
 */
public interface ReadBudget {

    /**
     * Reads taken from one day's budget for one page. None taken: the day's budget is {@code spent}, or
     * what is left is in flight for pages of other cycles, which may give some of it back.
     */
    record Reservation(String day, int reads, boolean spent) {
    }

    /** Takes up to {@code wanted} of what is left today and not in flight. */
    Reservation reserve(int wanted);

    /** The page read {@code read} posts: they count, and the rest of the reservation is free again. */
    void settle(Reservation reservation, int read);

    long remainingToday();

    long daily();

    /** When the next UTC day, and its budget, begins. */
    Instant nextDay();
}
