package io.tagwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tagwatch.post.CollectedBatch;

import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The collection routes as wired in YAML, with the store cut out by AdviceWith: each bundled tag's
 * timer starts one cycle, each cycle hands the demo source's batch for that tag to the store once,
 * and the micrometer: endpoints time each hand-over under the meter name the alert rules query, without
 * Camel's camelContext tag (DemoApiContract reads its buckets from /actuator/prometheus).
 */
@CamelSpringBootTest
@UseAdviceWith
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(properties = {"tagwatch.sources=demo", "tagwatch.collect.first-run-delay=100",
        "tagwatch.collect.period=1h", "tagwatch.routes-dir=target/no-routes-dir"})
class CollectRoutesTest {

    private static final List<String> BUNDLED_TAGS = List.of("openbanking", "remediation", "devops", "sre",
            "microservices", "observability", "oauth", "metrics", "logmonitoring", "opentracing");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-routes");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @Autowired
    CamelContext camel;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcTemplate jdbc;
    @EndpointInject("mock:store")
    MockEndpoint store;

    @Test
    void eachTagsTimerHandsItsBatchToTheStoreOnceAndTimesIt() throws Exception {
        AdviceWith.adviceWith(camel, "collect-source",
                route -> route.weaveByToUri("direct:store-batch").replace().to("mock:store"));
        store.expectedMessageCount(BUNDLED_TAGS.size());
        NotifyBuilder cycles = new NotifyBuilder(camel).from("quartz:collect/*").whenDone(BUNDLED_TAGS.size())
                .create();

        camel.start();

        assertThat(cycles.matches(30, TimeUnit.SECONDS)).as("one cycle per bundled tag").isTrue();
        store.assertIsSatisfied(5_000);
        assertThat(store.getReceivedExchanges()).extracting(e -> e.getMessage().getHeader("tag", String.class))
                .containsExactlyInAnyOrderElementsOf(BUNDLED_TAGS);
        for (Exchange handed : store.getReceivedExchanges()) {
            String tag = handed.getMessage().getHeader("tag", String.class);
            CollectedBatch batch = handed.getMessage().getBody(CollectedBatch.class);
            assertThat(handed.getMessage().getHeader("source")).isEqualTo("demo");
            assertThat(batch.posts()).as(tag).isNotEmpty()
                    .allSatisfy(post -> assertThat(post.tags()).contains(tag));
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM post", Integer.class)).as("the store was cut out").isZero();

        Timer batches = meters.get("tagwatch.store.batch.duration").timer();
        assertThat(batches.count()).isEqualTo(BUNDLED_TAGS.size());
        assertThat(batches.getId().getTags()).noneMatch(tag -> tag.getKey().equals("camelContext"));
        assertThat(meters.get("tagwatch.posts.read").tag("source", "demo").counter().count()).isPositive();
        assertThat(meters.get("tagwatch.posts.collected").tag("source", "demo").tag("tag", "sre").counter()
                .getId().getTags()).extracting(io.micrometer.core.instrument.Tag::getKey)
                .containsExactlyInAnyOrder("source", "tag");
    }
}
