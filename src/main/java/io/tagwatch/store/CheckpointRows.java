package io.tagwatch.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tagwatch.post.Checkpoints;

import org.springframework.stereotype.Component;

/**
 * The rows of sql/store/select-checkpoints.sql and select-open-windows.sql as the checkpoints a source
 * reads from.
 */
@Component("checkpointRows")
public class CheckpointRows {

    private final WindowRows windows;

    public CheckpointRows(WindowRows windows) {
        this.windows = windows;
    }

    public Checkpoints read(List<Map<String, Object>> rows, List<Map<String, Object>> openWindows) {
        Map<String, String> positions = new TreeMap<>();
        if (rows != null) {
            rows.forEach(row -> positions.put((String) row.get("upstream"), (String) row.get("position")));
        }
        return new Checkpoints(positions, windows.read(openWindows));
    }
}
