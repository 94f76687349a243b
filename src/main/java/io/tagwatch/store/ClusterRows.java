package io.tagwatch.store;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * With PostgreSQL, which tags each live instance holds (tag_holder, sql/cluster/), with liveness as
 * Quartz's clustered job store judges it from its own check-ins (qrtz_scheduler_state).
 */
@Component
public class ClusterRows {

    private static final String INSERT_HOLDER = SqlFile.load("cluster/insert-holder.sql");
    private static final String DELETE_HOLDER = SqlFile.load("cluster/delete-holder.sql");
    private static final String DELETE_GONE_HOLDERS = SqlFile.load("cluster/delete-gone-holders.sql");
    private static final String SELECT_HELD_TAGS = SqlFile.load("cluster/select-held-tags.sql");
    private static final String SELECT_OWN_TAGS = SqlFile.load("cluster/select-own-tags.sql");
    private static final String SELECT_LIVE_INSTANCES = SqlFile.load("cluster/select-live-instances.sql");

    private final JdbcTemplate jdbc;

    public ClusterRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void hold(String instance, String tag) {
        jdbc.update(INSERT_HOLDER, instance, tag);
    }

    public void letGo(String instance, String tag) {
        jdbc.update(DELETE_HOLDER, instance, tag);
    }

    /** Forgets the instances Quartz has forgotten (recovered and removed). */
    public void forgetGoneInstances(String scheduler) {
        jdbc.update(DELETE_GONE_HOLDERS, scheduler);
    }

    /** The tags held by a live instance, this one ({@code self}) included. */
    public Set<String> heldTags(String scheduler, String self, long nowMillis) {
        return new TreeSet<>(jdbc.queryForList(SELECT_HELD_TAGS, String.class, scheduler, self, nowMillis));
    }

    /** The tags this instance's rows hold. */
    public Set<String> ownTags(String instance) {
        return new TreeSet<>(jdbc.queryForList(SELECT_OWN_TAGS, String.class, instance));
    }

    public List<String> liveInstances(String scheduler, long nowMillis) {
        return jdbc.queryForList(SELECT_LIVE_INSTANCES, String.class, scheduler, nowMillis);
    }
}
