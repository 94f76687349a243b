package io.tagwatch.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Row counts and one SHA-256 over every row of every table the service writes, each table read in key
 * order: equal fingerprints mean nothing was added, removed or changed in between.
 */
public record StoredData(Map<String, Long> rows, String sha256) {

    private static final Map<String, String> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("post", "source, id");
        KEYS.put("author", "source, id");
        KEYS.put("post_tag", "tag, source, post_id");
        KEYS.put("checkpoint", "source, tag, upstream");
        KEYS.put("read_budget", "source, day");
        KEYS.put("posts_per_quarter", "source, quarter");
        KEYS.put("tag_posts_per_quarter", "tag, source, quarter");
        KEYS.put("tag_posts_per_day_lang", "tag, source, day, lang");
        KEYS.put("tag_posts_per_day_country", "tag, source, day, country");
        KEYS.put("store_sequence", "last_batch");
    }

    public static StoredData of(JdbcTemplate jdbc) {
        MessageDigest digest = newDigest();
        Map<String, Long> rows = new LinkedHashMap<>();
        KEYS.forEach((table, key) -> {
            update(digest, table);
            long[] count = {0};
            jdbc.query("SELECT * FROM " + table + " ORDER BY " + key, rs -> {
                count[0]++;
                for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                    update(digest, rs.getString(column));
                }
            });
            rows.put(table, count[0]);
        });
        return new StoredData(rows, HexFormat.of().formatHex(digest.digest()));
    }

    /** Length first, so that no two different rows read alike; -1 stands for NULL. */
    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
