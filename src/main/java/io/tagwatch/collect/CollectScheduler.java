package io.tagwatch.collect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;

import io.tagwatch.config.InstanceId;
import io.tagwatch.config.TagwatchProperties;
import io.tagwatch.store.Database;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Quartz scheduler the tags' quartz: endpoints (collect-tag.yaml) run on; camel-quartz takes it from
 * the registry. With PostgreSQL it keeps the triggers in Quartz's clustered JDBC job store (the qrtz_
 * tables of V13), so that the instances on one database share the tags: each trigger fires on one
 * instance, a tag's job disallows concurrent execution, and an instance that stops checking in has its
 * triggers and its interrupted cycles recovered by the others. On SQLite the triggers are in memory, as
 * one process collects. The scheduler is started by {@link Collector}, not by Camel, and its jobs are
 * made by {@link TagJobs}.
 */
@Configuration(proxyBeanMethods = false)
class CollectScheduler {

    /** Every instance's scheduler has this name: Quartz's cluster is the instances of one name. */
    static final String NAME = "tagwatch";
    /** The Quartz group of the tags' jobs and triggers: quartz:collect/&lt;tag&gt;. */
    static final String GROUP = "collect";
    /**
     * Quartz's own connections, apart from the API's and the collector's pool, so that a busy API never
     * delays a trigger: the scheduler thread, the cluster check-in and misfire handling, and the workers'
     * short completions, which wait for one of these rather than fail.
     */
    private static final int CONNECTIONS = 4;

    @Bean(destroyMethod = "") // shut down by Collector, once Camel's routes have stopped
    Scheduler quartzScheduler(TagwatchProperties properties, InstanceId instance, Database database,
            DataSourceProperties dataSource, TagJobs jobs, Clock clock) throws SchedulerException {
        Properties quartz = new Properties();
        quartz.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, NAME);
        // unique even for two processes of one host name: instances sharing an id would each take the
        // other's check-ins for their own, and neither would ever be recovered
        String id = instance.id() + "-" + Long.toString(clock.millis(), 36);
        quartz.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, id);
        quartz.setProperty("org.quartz.threadPool.threadCount", Integer.toString(properties.collect().threads()));
        quartz.setProperty("org.quartz.threadPool.threadNamePrefix", "collect-tag");
        if (database.isShared()) {
            // registered JVM-wide by name: one name per scheduler, so that two in one JVM (tests) never swap
            String connections = "tagwatch-" + id;
            DBConnectionManager.getInstance().addConnectionProvider(connections, connections(dataSource));
            quartz.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
                    "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            quartz.setProperty("org.quartz.jobStore.dataSource", connections);
            quartz.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
            quartz.setProperty("org.quartz.jobStore.isClustered", "true");
            quartz.setProperty("org.quartz.jobStore.clusterCheckinInterval",
                    Long.toString(properties.cluster().checkinInterval().toMillis()));
            // the job data camel-quartz stores are strings: kept as properties, not as serialized Java
            quartz.setProperty("org.quartz.jobStore.useProperties", "true");
        }
        Scheduler scheduler = new StdSchedulerFactory(quartz).getScheduler();
        scheduler.setJobFactory(jobs);
        return scheduler;
    }

    /** A pool of {@link #CONNECTIONS} to spring.datasource.url, with its credentials. */
    private static ConnectionProvider connections(DataSourceProperties dataSource) {
        HikariDataSource pool = dataSource.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("quartz");
        pool.setMaximumPoolSize(CONNECTIONS);
        pool.setMinimumIdle(1);
        return new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return pool.getConnection();
            }

            @Override
            public void shutdown() {
                pool.close();
            }

            @Override
            public void initialize() {
                // the pool connects on first use
            }
        };
    }
}
