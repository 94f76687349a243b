package io.tagwatch.store;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections that wait for another writer by retrying every half millisecond, for up to the
 * same 10 s as busy_timeout. SQLite's own busy handler backs off in sleeps of up to 100 ms, and every
 * writer of this service (stores, X's read budget) is short: the collector spent most of its time
 * asleep while the lock it waited for had long been free.
 */
final class SqliteConnections extends SQLiteDataSource {

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    SqliteConnections(String url) {
        setUrl(url);
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        SQLiteConnection connection = super.getConnection(username, password);
        BusyHandler.setHandler(connection, new BusyHandler() {
            private long waitingSince;

            @Override
            protected int callback(int retries) {
                long now = System.nanoTime();
                if (retries == 0) {
                    waitingSince = now;
                }
                if (now - waitingSince > GIVE_UP_NANOS) {
                    return 0;
                }
                LockSupport.parkNanos(RETRY_NANOS);
                return 1;
            }
        });
        return connection;
    }
}
