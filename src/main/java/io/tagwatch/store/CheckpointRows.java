package io.tagwatch.store;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tagwatch.post.Checkpoints;

import org.springframework.stereotype.Component;

/** The rows of sql/store/select-checkpoints.sql as the checkpoints a source reads from. */
@Component("checkpointRows")
public class CheckpointRows {

    public Checkpoints read(List<Map<String, Object>> rows) {
        Map<String, String> positions = new TreeMap<>();
        if (rows != null) {
            rows.forEach(row -> positions.put((String) row.get("upstream"), (String) row.get("position")));
        }
        return new Checkpoints(positions);
    }
}
