package io.tagwatch.collect;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.quartz.InterruptableJob;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.UnableToInterruptJobException;
import org.quartz.simpl.PropertySettingJobFactory;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes the job a fired trigger runs. A tag's trigger fires its route's quartz: endpoint (camel-quartz's
 * job), except on an instance that does not have the tag's route: instances read the same tag files,
 * but not at the same moment, and another instance may have scheduled a tag this one has not read yet
 * (or still holds one it has let go, see {@link TagSchedules}). camel-quartz would make a new endpoint
 * without a consumer there and drop the cycle; this instance runs the same cycle instead (collect-cycle
 * needs only the tag), so no cycle is lost while the instances disagree.
 */
@Component
class TagJobs implements JobFactory {

    private static final Logger log = LoggerFactory.getLogger(TagJobs.class);

    private final PropertySettingJobFactory camelJobs = new PropertySettingJobFactory();
    private final ObjectProvider<CamelContext> camel;
    private final ObjectProvider<ProducerTemplate> producer;
    /** Tags this instance has run without their route, each said once. */
    private final Set<String> routeless = ConcurrentHashMap.newKeySet();

    TagJobs(ObjectProvider<CamelContext> camel, ObjectProvider<ProducerTemplate> producer) {
        this.camel = camel;
        this.producer = producer;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        JobKey key = bundle.getJobDetail().getKey();
        if (!CollectScheduler.GROUP.equals(key.getGroup()) || hasRoute(key.getName())) {
            routeless.remove(key.getName());
            Job job = camelJobs.newJob(bundle, scheduler);
            Date start = bundle.getTrigger().getStartTime();
            return start != null && bundle.getFireTime().before(start) ? new OnTime(job, start) : job;
        }
        String tag = key.getName();
        return context -> {
            if (routeless.add(tag)) {
                log.info("Tag {} was scheduled by another instance and is not in this one's tag files (yet); its"
                        + " cycles that fire here run here all the same", tag);
            }
            producer.getObject().send("direct:collect-cycle", e -> e.getMessage().setHeader("tag", tag));
        };
    }

    /**
     * Quartz fires a trigger up to a few milliseconds before its time, and camel-quartz's job skips a fire
     * that comes before its trigger's start time ("Trigger exists outside StartTime"): the first cycle of
     * every trigger with a start delay (tagwatch.collect.first-run-delay) would be lost that way, and the
     * tag would wait a whole period. The job sees such a fire as coming at the start time.
     */
    private record OnTime(Job job, Date start) implements InterruptableJob {

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            job.execute((JobExecutionContext) Proxy.newProxyInstance(JobExecutionContext.class.getClassLoader(),
                    new Class<?>[] {JobExecutionContext.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getFireTime") && method.getParameterCount() == 0) {
                            return start;
                        }
                        try {
                            return method.invoke(context, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
        }

        @Override
        public void interrupt() throws UnableToInterruptJobException {
            if (job instanceof InterruptableJob interruptable) {
                interruptable.interrupt();
            }
        }
    }

    private boolean hasRoute(String tag) {
        ServiceStatus status = camel.getObject().getRouteController().getRouteStatus(TrackedTags.routeId(tag));
        return status != null && status.isStarted();
    }
}
