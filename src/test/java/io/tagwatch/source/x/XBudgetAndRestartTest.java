package io.tagwatch.source.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.tagwatch.TagwatchApplication;
import io.tagwatch.source.SourceGates;
import io.tagwatch.support.FakeUpstream;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The daily read budget, and a restart between cycles: the service is started twice on one SQLite
 * file, as a user would restart it.
 */
class XBudgetAndRestartTest {

    private final FakeX fake = new FakeX();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void theBudgetIsNeverOvershotByAPageAndARestartNeitherRereadsNorForgetsIt() throws Exception {
        Path db = Files.createTempDirectory("tagwatch-x-restart").resolve("tagwatch.db");
        List<FakeX.Post> old = fake.add(400, "devops");
        List<String> newest150 = old.subList(250, 400).stream().map(FakeX.Post::id).toList();

        String checkpoint;
        try (ConfigurableApplicationContext app = start(db, 150)) {
            cycle(app);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            List<FakeUpstream.Request> searches = fake.searches();
            assertThat(searches).hasSize(2);
            assertThat(searches.get(1).param("max_results")).isEqualTo("50"); // only what the budget has left
            assertThat(jdbc.queryForObject("SELECT reads FROM read_budget WHERE source = 'x'", Long.class))
                    .isEqualTo(150);
            assertThat(stored(jdbc)).containsExactlyInAnyOrderElementsOf(newest150);
            cycle(app);
            assertThat(fake.searches()).hasSize(2); // spent: nothing more is asked today
            checkpoint = jdbc.queryForObject("SELECT position FROM checkpoint WHERE source = 'x'", String.class);
            assertThat(checkpoint).isEqualTo(old.get(399).id());
        }

        List<String> fresh = fake.add(5, "DevOps").stream().map(FakeX.Post::id).toList();
        try (ConfigurableApplicationContext app = start(db, 160)) {
            cycle(app);
            // the spent budget's stop is the account's, kept in the database: a restart does not lift it
            assertThat(fake.searches()).hasSize(2);
            // a person who raised the budget lifts it, as POST /api/v1/collect does on every instance
            app.getBean(SourceGates.class).resetAll();
            cycle(app);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            FakeUpstream.Request first = fake.searches().get(2);
            assertThat(first.param("since_id")).isEqualTo(checkpoint); // the checkpoint survived the restart
            assertThat(first.param("max_results")).isEqualTo("10"); // 10 of 160 left: X's minimum page
            assertThat(stored(jdbc)).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.Stream.concat(newest150.stream(), fresh.stream()).toList());
            assertThat(jdbc.queryForObject("SELECT reads FROM read_budget WHERE source = 'x'", Long.class))
                    .isEqualTo(155);
        }
    }

    @Test
    void twoServicesOnOneDatabaseCyclingInParallelStayWithinTheBudget() throws Exception {
        Path db = Files.createTempDirectory("tagwatch-x-two").resolve("tagwatch.db");
        List<String> tags = List.of("sre", "metrics", "oauth", "microservices", "opentracing", "remediation");
        for (String tag : tags) {
            fake.add(150, tag);
        }
        int before = fake.searches().size();
        int servedBefore = fake.postsServed();
        try (ConfigurableApplicationContext one = start(db, 300, "none");
                ConfigurableApplicationContext two = start(db, 300, "none")) {
            List<java.util.concurrent.Future<?>> cycles = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(12);
            for (String tag : tags) {
                for (ConfigurableApplicationContext app : List.of(one, two)) {
                    cycles.add(threads.submit(() -> app.getBean(ProducerTemplate.class).send("direct:collect-cycle",
                            e -> e.getMessage().setHeader("tag", tag))));
                }
            }
            for (java.util.concurrent.Future<?> cycle : cycles) {
                cycle.get();
            }
            threads.shutdown();
            JdbcTemplate jdbc = one.getBean(JdbcTemplate.class);
            // both services collect every tag, so a post may be read twice: X bills each read
            long read = fake.postsServed() - servedBefore;
            long counted = jdbc.queryForObject("SELECT reads FROM read_budget WHERE source = 'x'", Long.class);
            System.out.printf("x-budget: 2 services x 6 tags in parallel, budget 300: read %d, counted %d, %d searches%n",
                    read, counted, fake.searches().size() - before);
            assertThat(read).isPositive().isLessThanOrEqualTo(309L);
            assertThat(counted).isEqualTo(read);
        }
    }

    private ConfigurableApplicationContext start(Path db, long budget) {
        return start(db, budget, "servlet");
    }

    private ConfigurableApplicationContext start(Path db, long budget, String web) {
        // command-line arguments, as a user would pass them: they outrank application.yaml
        return new SpringApplicationBuilder(TagwatchApplication.class).run(
                "--server.port=0", "--spring.main.web-application-type=" + web, "--tagwatch.sources=x", "--tagwatch.collect.first-run-delay=3600000",
                "--tagwatch.routes-dir=target/no-routes-dir", "--tagwatch.sqlite-file=" + db,
                "--tagwatch.x.base-url=" + fake.baseUrl(), "--tagwatch.x.bearer-token=",
                "--tagwatch.x.api-key=" + FakeX.API_KEY, "--tagwatch.x.api-key-secret=" + FakeX.API_SECRET,
                "--tagwatch.x.max-pages-per-cycle=5", "--tagwatch.x.daily-read-budget=" + budget);
    }

    private static void cycle(ConfigurableApplicationContext app) {
        app.getBean(ProducerTemplate.class).send("direct:collect-cycle", e -> e.getMessage().setHeader("tag", "devops"));
    }

    private static List<String> stored(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT id FROM post WHERE source = 'x'", String.class);
    }
}
