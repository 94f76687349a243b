package io.tagwatch.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.tagwatch.source.GateStates;
import io.tagwatch.source.SourceState;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The gates' state in the source_gate table (sql/gates/), shared by every instance on the database. */
@Component
public class GateRows implements GateStates {

    private static final String INSERT = SqlFile.load("gates/insert.sql");
    private static final String SELECT = SqlFile.load("gates/select.sql");
    private static final String SELECT_ALL = SqlFile.load("gates/select-all.sql");
    private static final String REPLACE = SqlFile.load("gates/replace.sql");
    /** The column's length; a reason carries an upstream's error text, cut at 300 where it is read. */
    private static final int MAX_REASON = 1000;

    private final JdbcTemplate jdbc;

    public GateRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Stored read(String gate) {
        while (true) {
            Stored stored = jdbc.query(SELECT, rs -> rs.next() ? stored(rs) : null, gate);
            if (stored != null) {
                return stored;
            }
            jdbc.update(INSERT, gate);
        }
    }

    @Override
    public Map<String, Stored> readAll() {
        Map<String, Stored> all = new HashMap<>();
        jdbc.query(SELECT_ALL, rs -> {
            all.put(rs.getString("name"), stored(rs));
        });
        return all;
    }

    @Override
    public boolean replace(String gate, long version, SourceState state, Instant until, String reason,
            int failedCycles) {
        return jdbc.update(REPLACE, state.wireName(), until == null ? null : until.toEpochMilli(), storable(reason),
                failedCycles, gate, version) == 1;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        long until = rs.getLong("until_at");
        Instant untilAt = rs.wasNull() ? null : Instant.ofEpochMilli(until);
        return new Stored(SourceState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), untilAt,
                rs.getString("reason"), rs.getInt("failed_cycles"), rs.getLong("version"));
    }

    /** PostgreSQL refuses U+0000 in text and enforces the length. */
    private static String storable(String reason) {
        if (reason == null) {
            return null;
        }
        String clean = reason.replace("\0", "");
        return clean.length() > MAX_REASON ? clean.substring(0, MAX_REASON) : clean;
    }
}
