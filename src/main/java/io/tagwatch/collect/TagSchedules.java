package io.tagwatch.collect;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.tagwatch.store.ClusterRows;
import io.tagwatch.store.Database;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The tags' jobs in the scheduler, beyond what camel-quartz does: a route's quartz: endpoint schedules
 * its tag's job when it starts, but in clustered mode never removes it, and cannot tell a tag dropped
 * from the tag files from one this instance merely stopped with.
 *
 * <p>On PostgreSQL each instance records the tags it read (tag_holder). A tag's job is kept while a
 * live instance holds it, and removed when the last holder lets it go or is gone: so while instances
 * disagree (a ConfigMap that reached some pods before others, a rollout with old and new pods side by
 * side), a tag added on one is collected at once (its cycles run on any instance, see {@link TagJobs}),
 * and a tag removed stays collected until every live instance has let it go. Every check-in interval
 * each instance removes the jobs no live instance holds (their last holder died with them) and puts
 * back the jobs of its own tags that another instance removed in a race with it.
 *
 * <p>On SQLite the jobs are in memory, one process's; a removed tag's job goes with its route.
 */
@Component
class TagSchedules {

    private static final Logger log = LoggerFactory.getLogger(TagSchedules.class);

    private final Scheduler scheduler;
    private final ClusterRows cluster;
    private final boolean shared;
    private final Clock clock;

    TagSchedules(Scheduler scheduler, ClusterRows cluster, Database database, Clock clock) {
        this.scheduler = scheduler;
        this.cluster = cluster;
        this.shared = database.isShared();
        this.clock = clock;
    }

    /** Before the tag's route is added: its job then counts as held by this instance. */
    void hold(String tag) {
        if (shared) {
            cluster.hold(instance(), tag);
        }
    }

    /** After the tag's route is removed: its job goes, unless another live instance still holds the tag. */
    void letGo(String tag) {
        try {
            if (shared) {
                cluster.letGo(instance(), tag);
                if (cluster.heldTags(CollectScheduler.NAME, instance(), clock.millis()).contains(tag)) {
                    log.info("Tag {} is let go here; another instance still has it in its tag files, so it is still"
                            + " collected", tag);
                    return;
                }
            }
            if (scheduler.deleteJob(key(tag))) {
                log.info("Tag {} is no longer collected: its schedule is removed", tag);
            }
        } catch (SchedulerException | RuntimeException e) {
            log.warn("The schedule of tag {} could not be removed now ({}); the next check removes it",
                    tag, e.getClass().getSimpleName());
        }
    }

    /**
     * PostgreSQL only: removes the jobs no live instance holds, and answers this instance's tags whose job
     * is missing (removed by an instance that let the tag go in a race with this one), for their routes to
     * be made again, which schedules them.
     */
    List<String> reconcile(Set<String> mine) throws SchedulerException {
        if (!shared) {
            return List.of();
        }
        // jobs first, holders second: a tag added meanwhile is then held before its job is seen
        Set<String> jobs = new TreeSet<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(CollectScheduler.GROUP))) {
            jobs.add(key.getName());
        }
        for (String tag : mine) {
            cluster.hold(instance(), tag); // again, should Quartz have forgotten this instance for a while
        }
        for (String tag : cluster.ownTags(instance())) {
            if (!mine.contains(tag)) {
                cluster.letGo(instance(), tag); // its letting go failed before (see letGo)
            }
        }
        Set<String> held = cluster.heldTags(CollectScheduler.NAME, instance(), clock.millis());
        for (String tag : jobs) {
            if (!held.contains(tag) && scheduler.deleteJob(key(tag))) {
                log.info("Tag {} is in no live instance's tag files: its schedule is removed", tag);
            }
        }
        cluster.forgetGoneInstances(CollectScheduler.NAME);
        return mine.stream().filter(tag -> !jobs.contains(tag)).toList();
    }

    /**
     * Runs the tags' cycles now, wherever the scheduler fires them (on PostgreSQL any instance); a tag
     * whose cycle is running gets this one right after it, never alongside.
     */
    void runNow(List<String> tags) throws SchedulerException {
        for (String tag : tags) {
            scheduler.triggerJob(key(tag));
        }
    }

    /** Quartz's id of this instance: the one its check-ins and its holds are recorded under. */
    private String instance() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JobKey key(String tag) {
        return JobKey.jobKey(tag, CollectScheduler.GROUP);
    }
}
