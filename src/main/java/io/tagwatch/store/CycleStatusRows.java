package io.tagwatch.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.tagwatch.source.SourceState;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Each (source, tag) pair's last cycle, wherever it ran (the cycle_status table, sql/status/). */
@Component
public class CycleStatusRows {

    private static final String SELECT = SqlFile.load("status/select.sql");
    private static final String SELECT_ALL = SqlFile.load("status/select-all.sql");
    private static final String UPSERT = SqlFile.load("status/upsert.sql");

    /** A pair's last cycle; lastErrorCategory is a category's wire name, never an error's text. */
    public record Row(String source, String tag, SourceState state, Instant lastSuccessAt, String lastErrorCategory,
            Instant lastCycleAt, Instant nextRunAt, String instance) {
    }

    private final JdbcTemplate jdbc;

    public CycleStatusRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The pair's state before this cycle's outcome; ok when it has none yet. */
    public SourceState state(String source, String tag) {
        return jdbc.query(SELECT, rs -> rs.next() ? state(rs.getString("state")) : SourceState.OK, source, tag);
    }

    /** Records a cycle's outcome; a null lastSuccessAt keeps the one stored. */
    public void write(Row row) {
        jdbc.update(UPSERT, row.source(), row.tag(), row.state().wireName(), millis(row.lastSuccessAt()),
                row.lastErrorCategory(), row.lastCycleAt().toEpochMilli(), millis(row.nextRunAt()), row.instance());
    }

    public List<Row> all() {
        return jdbc.query(SELECT_ALL, (rs, n) -> new Row(rs.getString("source"), rs.getString("tag"),
                state(rs.getString("state")), instant(rs.getObject("last_success_at")),
                rs.getString("last_error_category"), instant(rs.getObject("last_cycle_at")),
                instant(rs.getObject("next_run_at")), rs.getString("instance")));
    }

    private static SourceState state(String wireName) {
        return SourceState.valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
