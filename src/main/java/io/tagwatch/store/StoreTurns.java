package io.tagwatch.store;

import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

/**
 * One batch at a time in this process, taken before its transaction begins. Batches take turns in the
 * database anyway (see sql/store/next-batch.sql); one that waited for its turn inside a transaction
 * would hold a pool connection all the while, and a dozen tags storing at once would leave the API
 * none. Fair, so a tag's batch is not passed over.
 */
@Component("storeTurns")
public class StoreTurns {

    private final Semaphore turn = new Semaphore(1, true);

    public void take() throws InterruptedException {
        turn.acquire();
    }

    public void give() {
        turn.release();
    }
}
