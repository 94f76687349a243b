package io.tagwatch.store;

import java.sql.Connection;
import java.time.Duration;

import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Posts stored before dates were bounded at ingest (io.tagwatch.collect.PostTimes) may be dated years
 * ahead. Each one dated more than 10 minutes after now is dated now, the latest it can have been
 * served, its authors' snapshots likewise, and the summary counts move with it: out of its old quarter
 * hour and day, into today's. The all-time counts do not change.
 */
@Component
class V4FutureDatedPosts extends JavaMigrationBase {

    private static final long QUARTER = 900_000;
    private static final long DAY = 86_400_000;

    V4FutureDatedPosts() {
        super("4", "future dated posts dated now");
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        long now = System.currentTimeMillis();
        long latest = now + Duration.ofMinutes(10).toMillis();
        long quarter = now / QUARTER;
        long day = now / DAY;
        String upsertQuarter = " ON CONFLICT (source, quarter) DO UPDATE SET posts = posts_per_quarter.posts + excluded.posts";
        update(c, "INSERT INTO posts_per_quarter (source, quarter, posts) SELECT source, created_at / 900000, -COUNT(*)"
                + " FROM post WHERE created_at > ? GROUP BY source, created_at / 900000" + upsertQuarter, latest);
        update(c, "INSERT INTO posts_per_quarter (source, quarter, posts) SELECT source, CAST(? AS BIGINT), COUNT(*)"
                + " FROM post WHERE created_at > ? GROUP BY source" + upsertQuarter, quarter, latest);

        String upsertTagQuarter = " ON CONFLICT (tag, source, quarter) DO UPDATE SET posts = tag_posts_per_quarter.posts"
                + " + excluded.posts";
        update(c, "INSERT INTO tag_posts_per_quarter (tag, source, quarter, posts) SELECT tag, source,"
                + " created_at / 900000, -COUNT(*) FROM post_tag WHERE created_at > ?"
                + " GROUP BY tag, source, created_at / 900000" + upsertTagQuarter, latest);
        update(c, "INSERT INTO tag_posts_per_quarter (tag, source, quarter, posts) SELECT tag, source,"
                + " CAST(? AS BIGINT), COUNT(*) FROM post_tag WHERE created_at > ? GROUP BY tag, source" + upsertTagQuarter,
                quarter, latest);

        String byLang = " FROM post_tag t JOIN post p ON p.source = t.source AND p.id = t.post_id WHERE t.created_at > ?";
        String upsertLang = " ON CONFLICT (tag, source, day, lang) DO UPDATE SET posts = tag_posts_per_day_lang.posts"
                + " + excluded.posts";
        update(c, "INSERT INTO tag_posts_per_day_lang (tag, source, day, lang, posts) SELECT t.tag, t.source,"
                + " t.created_at / 86400000, p.lang, -COUNT(*)" + byLang
                + " GROUP BY t.tag, t.source, t.created_at / 86400000, p.lang" + upsertLang, latest);
        update(c, "INSERT INTO tag_posts_per_day_lang (tag, source, day, lang, posts) SELECT t.tag, t.source,"
                + " CAST(? AS BIGINT), p.lang, COUNT(*)" + byLang + " GROUP BY t.tag, t.source, p.lang" + upsertLang,
                day, latest);

        String byCountry = " FROM post_tag t JOIN post p ON p.source = t.source AND p.id = t.post_id"
                + " JOIN author a ON a.source = p.source AND a.id = p.author_id WHERE t.created_at > ?";
        String upsertCountry = " ON CONFLICT (tag, source, day, country) DO UPDATE SET posts ="
                + " tag_posts_per_day_country.posts + excluded.posts";
        update(c, "INSERT INTO tag_posts_per_day_country (tag, source, day, country, posts) SELECT t.tag, t.source,"
                + " t.created_at / 86400000, COALESCE(a.country, 'ZZ'), -COUNT(*)" + byCountry
                + " GROUP BY t.tag, t.source, t.created_at / 86400000, COALESCE(a.country, 'ZZ')" + upsertCountry, latest);
        update(c, "INSERT INTO tag_posts_per_day_country (tag, source, day, country, posts) SELECT t.tag, t.source,"
                + " CAST(? AS BIGINT), COALESCE(a.country, 'ZZ'), COUNT(*)" + byCountry
                + " GROUP BY t.tag, t.source, COALESCE(a.country, 'ZZ')" + upsertCountry, day, latest);

        update(c, "UPDATE post SET created_at = ? WHERE created_at > ?", now, latest);
        update(c, "UPDATE post_tag SET created_at = ? WHERE created_at > ?", now, latest);
        update(c, "UPDATE author SET seen_at = ? WHERE seen_at > ?", now, latest);
        for (String table : new String[] {"posts_per_quarter", "tag_posts_per_quarter", "tag_posts_per_day_lang",
            "tag_posts_per_day_country"}) {
            update(c, "DELETE FROM " + table + " WHERE posts = 0");
        }
    }
}
