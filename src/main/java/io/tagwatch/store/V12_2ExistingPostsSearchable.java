package io.tagwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import io.tagwatch.post.SearchWords;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * The words of the posts stored before V12, split by the same Java rule the store route applies to new
 * posts, a thousand posts at a time in key order. Writing post.words indexes the post: SQLite's trigger
 * adds it to post_fts, PostgreSQL regenerates post.search.
 */
@Component
class V12_2ExistingPostsSearchable extends JavaMigrationBase {

    private static final int BATCH = 1000;

    private record Row(String source, String id, String words) {
    }

    V12_2ExistingPostsSearchable() {
        super("12.2", "existing posts searchable");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        String source = "";
        String id = "";
        try (PreparedStatement select = c.prepareStatement("SELECT source, id, text FROM post"
                + " WHERE source > ? OR (source = ? AND id > ?) ORDER BY source, id LIMIT " + BATCH);
                PreparedStatement update = c.prepareStatement("UPDATE post SET words = ? WHERE source = ? AND id = ?")) {
            while (true) {
                List<Row> rows = new ArrayList<>(BATCH);
                select.setString(1, source);
                select.setString(2, source);
                select.setString(3, id);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getString(2), SearchWords.of(rs.getString(3))));
                    }
                }
                if (rows.isEmpty()) {
                    return;
                }
                for (Row row : rows) {
                    update.setString(1, row.words());
                    update.setString(2, row.source());
                    update.setString(3, row.id());
                    update.addBatch();
                }
                update.executeBatch();
                source = rows.get(rows.size() - 1).source();
                id = rows.get(rows.size() - 1).id();
            }
        }
    }
}
