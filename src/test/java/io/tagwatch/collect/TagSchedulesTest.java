package io.tagwatch.collect;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.Set;

import io.tagwatch.store.ClusterRows;
import io.tagwatch.store.Database;
import io.tagwatch.store.StoreSchema;
import io.tagwatch.support.EmbeddedPostgres;

import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Which tags' jobs reconciling keeps on a shared PostgreSQL, with the holders the database has. */
class TagSchedulesTest {

    /** A tag whose letting go failed (the database did not answer) must not keep its job for good. */
    @Test
    void aTagThisInstanceFailedToLetGoLosesItsJobAtTheNextReconcile() throws Exception {
        String url = EmbeddedPostgres.newDatabaseUrl();
        StoreSchema.migrate(url);
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url));
        ClusterRows cluster = new ClusterRows(jdbc);
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUrl(url);
        Scheduler scheduler = mock(Scheduler.class);
        when(scheduler.getSchedulerInstanceId()).thenReturn("here");
        JobKey kept = JobKey.jobKey("kept", CollectScheduler.GROUP);
        JobKey removed = JobKey.jobKey("removed", CollectScheduler.GROUP);
        when(scheduler.getJobKeys(any())).thenReturn(Set.of(kept, removed));
        TagSchedules schedules = new TagSchedules(scheduler, cluster, new Database(properties), Clock.systemUTC());

        // the tag file lost "removed", and the DELETE of its holder row never reached the database
        cluster.hold("here", "kept");
        cluster.hold("here", "removed");
        schedules.reconcile(Set.of("kept"));

        verify(scheduler).deleteJob(removed);
        verify(scheduler, never()).deleteJob(kept);
    }
}
