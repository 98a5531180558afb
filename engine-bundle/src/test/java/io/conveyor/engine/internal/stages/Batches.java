package io.conveyor.engine.internal.stages;

import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds test batches from rows written inline. */
public final class Batches {
    private Batches() {
    }

    /** @return an insertion-ordered row from name, value pairs */
    public static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** @return one batch of these rows, types inferred */
    @SafeVarargs
    public static RecordBatch of(Map<String, Object>... rows) {
        return RowBatcher.toBatch(new ArrayList<>(Arrays.asList(rows)));
    }

    /** @return the batches as a list */
    public static List<RecordBatch> list(RecordBatch... batches) {
        return List.of(batches);
    }
}
