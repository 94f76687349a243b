package io.tagwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * One checkpoint row per (source, tag, upstream) instead of one per (source, tag). Mastodon kept a JSON
 * map of every instance ever seen in one VARCHAR(256): six instances overflowed it, and from then on
 * PostgreSQL refused every Mastodon batch (SQLite does not enforce the length). Each map entry becomes
 * a row; the other sources, which have one upstream, get the upstream ''.
 */
@Component
class V5CheckpointPerUpstream extends JavaMigrationBase {

    private record Row(String source, String tag, String upstream, String position, long updatedAt) {
    }

    V5CheckpointPerUpstream() {
        super("5", "checkpoint per upstream");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<Row> rows = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (PreparedStatement select = c.prepareStatement("SELECT source, tag, position, updated_at FROM checkpoint");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String source = rs.getString(1);
                String tag = rs.getString(2);
                String position = rs.getString(3);
                long updatedAt = rs.getLong(4);
                if (!"mastodon".equals(source)) {
                    rows.add(new Row(source, tag, "", position, updatedAt));
                    continue;
                }
                try {
                    json.readValue(position, new TypeReference<Map<String, String>>() { }).forEach((instance, minId) ->
                            rows.add(new Row(source, tag, instance, minId, updatedAt)));
                } catch (java.io.IOException e) {
                    // unreadable, so the source ignored it too: its next cycle starts from the newest posts
                }
            }
        }
        // a '' upstream is a source with one; a Mastodon instance is scheme://host[:port]
        update(c, "CREATE TABLE checkpoint_by_upstream (source VARCHAR(32) NOT NULL, tag VARCHAR(100) NOT NULL,"
                + " upstream VARCHAR(300) NOT NULL, position VARCHAR(256) NOT NULL, updated_at BIGINT NOT NULL,"
                + " PRIMARY KEY (source, tag, upstream))");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO checkpoint_by_upstream"
                + " (source, tag, upstream, position, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            for (Row row : rows) {
                if (row.upstream().length() > 300 || row.position() == null || row.position().length() > 256) {
                    continue; // could never be stored in PostgreSQL; dropped, as the source would drop it
                }
                insert.setString(1, row.source());
                insert.setString(2, row.tag());
                insert.setString(3, row.upstream());
                insert.setString(4, row.position());
                insert.setLong(5, row.updatedAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        update(c, "DROP TABLE checkpoint");
        update(c, "ALTER TABLE checkpoint_by_upstream RENAME TO checkpoint");
    }
}
