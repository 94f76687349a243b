package io.tagwatch.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tagwatch.post.WindowView;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The windows outside a cycle (store-batch.yaml writes a cycle's): the ones GET /api/v1/tags shows, and
 * those a backfill request opens.
 */
@Component
public class GapWindowStore {

    private static final String FOR_TAGS = SqlFile.load("windows/select-for-tags.sql");
    private static final String OLDEST_POST = SqlFile.load("windows/select-oldest-post.sql");
    private static final String INSERT_BACKFILL = SqlFile.load("windows/insert-backfill.sql");

    /** A window a backfill opened: from the instant asked for to where the source's stored posts begin. */
    public record Opened(String source, String tag, Instant from, Instant to) {
    }

    private final JdbcTemplate jdbc;

    public GapWindowStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Open and latest abandoned windows, by source and then tag. */
    public Map<String, Map<String, List<WindowView>>> shown() {
        Map<String, Map<String, List<WindowView>>> bySource = new HashMap<>();
        jdbc.query(FOR_TAGS, row -> {
            long closed = row.getLong("closed_at");
            boolean abandoned = !row.wasNull() && "abandoned".equals(row.getString("state"));
            WindowView view = new WindowView(row.getString("kind"), row.getString("state"),
                    Instant.ofEpochMilli(row.getLong("from_at")), Instant.ofEpochMilli(row.getLong("to_at")),
                    Instant.ofEpochMilli(row.getLong("opened_at")), abandoned ? Instant.ofEpochMilli(closed) : null,
                    row.getString("reason"));
            bySource.computeIfAbsent(row.getString("source"), s -> new HashMap<>())
                    .computeIfAbsent(row.getString("tag"), t -> new ArrayList<>()).add(view);
        });
        return bySource;
    }

    /**
     * Opens a backfill window from {@code since} up to the oldest post of the tag the source has stored,
     * or up to {@code now} when it has none; nothing when that is not after {@code since}.
     */
    public Opened openBackfill(String source, String tag, Instant since, Instant now) {
        record Oldest(String id, Instant createdAt) {
        }
        List<Oldest> oldest = jdbc.query(OLDEST_POST,
                (row, n) -> new Oldest(row.getString("post_id"), Instant.ofEpochMilli(row.getLong("created_at"))),
                source, tag);
        Instant to = oldest.isEmpty() ? now : oldest.get(0).createdAt();
        if (!to.isAfter(since)) {
            return null;
        }
        jdbc.update(INSERT_BACKFILL, UUID.randomUUID().toString(), source, tag,
                oldest.isEmpty() ? null : oldest.get(0).id(), since.toEpochMilli(), to.toEpochMilli(), now.toEpochMilli());
        return new Opened(source, tag, since, to);
    }
}
