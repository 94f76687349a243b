package io.tagwatch.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * tagwatch_posts_stored, read from the summary counts at each scrape: right whichever process stored
 * the posts, and a sum of a few thousand rows rather than a count of every post.
 */
@Component
class PostCounts {

    private static final String TOTAL = SqlFile.load("counts/total-posts.sql");

    PostCounts(JdbcTemplate jdbc, MeterRegistry registry) {
        Gauge.builder("tagwatch.posts.stored", jdbc, j -> {
            Long total = j.queryForObject(TOTAL, Long.class);
            return total == null ? 0 : total;
        }).description("Posts in the store").register(registry);
    }
}
