package io.tagwatch.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Window;

import org.springframework.stereotype.Component;

/** Windows (gap_window rows) as sql/store/*windows*.sql read and write them. */
@Component("windowRows")
public class WindowRows {

    static Window window(Map<String, Object> row) {
        return new Window((String) row.get("id"), Window.Kind.valueOf(upper(row.get("kind"))),
                Window.State.valueOf(upper(row.get("state"))), (String) row.get("after_position"),
                (String) row.get("before_position"), instant(row.get("from_at")), instant(row.get("to_at")),
                instant(row.get("opened_at")), instant(row.get("closed_at")), (String) row.get("reason"));
    }

    public List<Window> read(List<Map<String, Object>> rows) {
        return rows == null ? List.of() : rows.stream().map(WindowRows::window).toList();
    }

    /** The windows the batch opened, narrowed or abandoned. */
    public List<Map<String, Object>> kept(CollectedBatch batch) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Window w : batch.windows()) {
            if (w.state() == Window.State.FILLED) {
                continue;
            }
            Map<String, Object> row = new HashMap<>();
            row.put("id", w.id());
            row.put("source", batch.source());
            row.put("tag", batch.tag());
            row.put("kind", w.kind().wireName());
            row.put("state", w.state().wireName());
            row.put("after", w.after());
            row.put("before", w.before());
            row.put("fromAt", w.from().toEpochMilli());
            row.put("toAt", w.to().toEpochMilli());
            row.put("openedAt", w.openedAt().toEpochMilli());
            row.put("closedAt", w.closedAt() == null ? null : w.closedAt().toEpochMilli());
            row.put("reason", w.reason());
            rows.add(row);
        }
        return rows;
    }

    /** The ids of the windows the batch read to the end. */
    public List<String> filled(CollectedBatch batch) {
        return batch.windows().stream().filter(w -> w.state() == Window.State.FILLED).map(Window::id).toList();
    }

    private static String upper(Object value) {
        return ((String) value).toUpperCase(Locale.ROOT);
    }

    private static Instant instant(Object epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(((Number) epochMillis).longValue());
    }
}
