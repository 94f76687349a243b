package io.tagwatch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Profile pages for the authors stored before V12_1, as each source links them; an author's next post
 * brings the page their source gives. Mastodon's own profile URL came with the account and was not
 * stored, so a Mastodon author (user@host) gets https://host/@user, which Mastodon and most other
 * fediverse servers answer.
 */
@Component
class V12_3ExistingProfileUrls extends JavaMigrationBase {

    V12_3ExistingProfileUrls() {
        super("12.3", "existing profile urls");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        // demo posts are X's pages (source.demo reads them with X's parser); twitter is X's v1.1 API
        update(c, "UPDATE author SET profile_url = 'https://x.com/' || username"
                + " WHERE source IN ('x', 'twitter', 'demo') AND profile_url IS NULL");
        update(c, "UPDATE author SET profile_url = 'https://bsky.app/profile/' || username"
                + " WHERE source = 'bluesky' AND profile_url IS NULL");
        List<String> mastodon = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT id FROM author WHERE source = 'mastodon' AND profile_url IS NULL");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                mastodon.add(rs.getString(1));
            }
        }
        try (PreparedStatement set = c.prepareStatement(
                "UPDATE author SET profile_url = ? WHERE source = 'mastodon' AND id = ?")) {
            for (String id : mastodon) {
                int at = id.indexOf('@');
                if (at > 0 && at == id.lastIndexOf('@') && at < id.length() - 1) {
                    set.setString(1, "https://" + id.substring(at + 1) + "/@" + id.substring(0, at));
                    set.setString(2, id);
                    set.addBatch();
                }
            }
            set.executeBatch();
        }
    }
}
