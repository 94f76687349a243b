package io.tagwatch.collect;

import java.util.concurrent.ExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads the sources of a cycle run on, one each. Nothing waits in a queue: a task queued
 * behind sources stuck on their upstream (each for up to tagwatch.upstream.deadline per try) would
 * stall with them, so a new thread takes it, and past the cap the tag's own timer thread does.
 */
@Configuration(proxyBeanMethods = false)
class CollectThreads {

    @Bean(destroyMethod = "") // Camel's executor service manager shuts it down with the context
    ExecutorService sourceThreads(CamelContext camel) {
        return camel.getExecutorServiceManager().newThreadPool(this, "collect-source",
                new ThreadPoolProfileBuilder("collect-source").poolSize(2).maxPoolSize(256).maxQueueSize(0)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build());
    }
}
