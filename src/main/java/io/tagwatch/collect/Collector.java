package io.tagwatch.collect;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.store.Database;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Whether this instance collects, and the scheduler's start and stop. On PostgreSQL every instance
 * collects: they share the tags through the clustered job store. A SQLite file takes one collecting
 * process: it holds an OS lock on a file next to the database, and a second process on the same file
 * serves the API but stays on standby, trying the lock every tagwatch.cluster.lock-poll-interval; the
 * operating system releases the lock when the first process ends, even killed, and the second takes
 * over at its next try. Not a lease in the database: SQLite has one host, and its kernel knows who
 * holds a file.
 *
 * <p>At the start of a shutdown the scheduler goes to standby first, so that no trigger fires on a
 * process whose routes are stopping (on PostgreSQL the other instances fire it); it is shut down, and
 * the lock released, once Camel's routes have stopped.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class Collector implements ApplicationListener<ContextClosedEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final Scheduler scheduler;
    private final Database database;
    private final Duration lockPoll;
    private final ScheduledExecutorService lockPoller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "collector-lock");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean standby;
    private FileChannel lockFile;
    private FileLock lock;

    public Collector(Scheduler scheduler, Database database, TagwatchProperties properties) {
        this.scheduler = scheduler;
        this.database = database;
        this.lockPoll = properties.cluster().lockPollInterval();
    }

    /** True while another process on the same SQLite file collects and this one waits to take over. */
    public boolean isStandby() {
        return standby;
    }

    /**
     * Before the tags' routes are added: the scheduler is started and put on standby at once, so that it
     * fires nothing until {@link #begin()} yet counts as started. camel-quartz applies a trigger's start
     * delay (triggerStartDelay, tagwatch.collect.first-run-delay) only on a started scheduler; on one not
     * yet started it makes every new trigger fire the moment the scheduler starts: every tag at once, and
     * cycles nobody asked for where the first run is put off (tests that drive the cycles by hand). On
     * PostgreSQL a trigger another instance scheduled may fire here in the instant between the two calls;
     * like any trigger that comes before its tag's route, it runs the cycle all the same (TagJobs).
     */
    void prepare() {
        try {
            scheduler.start();
            scheduler.standby();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the collector's scheduler did not start", e);
        }
    }

    /** Once the tags' routes are in place: collect now, or wait for the SQLite file's lock. */
    void begin() {
        Path file = database.isShared() ? null : database.sqliteFile();
        if (file == null) {
            start();
            return;
        }
        Path lockPath = file.resolveSibling(file.getFileName() + ".collector-lock");
        if (tryLock(lockPath)) {
            start();
            return;
        }
        standby = true;
        log.info("On standby: another process collects from {} (it holds {}); this one serves the API and takes"
                + " over when that process stops", file, lockPath.getFileName());
        lockPoller.scheduleWithFixedDelay(() -> {
            if (tryLock(lockPath)) {
                standby = false;
                log.info("Taking over collection from {}: the process that held {} has stopped", file,
                        lockPath.getFileName());
                start();
                lockPoller.shutdown();
            }
        }, lockPoll.toMillis(), lockPoll.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized boolean tryLock(Path path) {
        try {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired;
            try {
                acquired = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                acquired = null;
            }
            if (acquired == null) {
                channel.close();
                return false;
            }
            lockFile = channel;
            lock = acquired;
            return true;
        } catch (IOException e) {
            log.warn("The collector lock {} cannot be tried: {}", path, e.getClass().getSimpleName());
            return false;
        }
    }

    private void start() {
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the collector's scheduler did not start", e);
        }
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        lockPoller.shutdownNow();
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            log.warn("The collector's scheduler could not be put on standby: {}", e.getMessage());
        }
    }

    @Override
    public synchronized void destroy() throws Exception {
        lockPoller.shutdownNow();
        scheduler.shutdown(true);
        if (lock != null) {
            lock.release();
            lockFile.close();
        }
    }
}
