package io.conveyor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.StageException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingStageContextTest {
    @Test
    void recordsWhatTheStageHandsTheEngine() throws StageException {
        RecordingStageContext ctx = new RecordingStageContext("s1");
        Map<String, Object> row = new HashMap<>(Map.of("id", 1L));
        ctx.reject(row, "bad id");
        row.put("id", 2L);
        ctx.log().info("started");
        ctx.log().warn("slow");
        ctx.log().error("failed");
        ctx.report("pages", 3L);
        ctx.addBytesRead(10);
        ctx.addBytesRead(5);
        ctx.addBytesWritten(7);
        ctx.addErrors(2);
        assertEquals("s1", ctx.stageId());
        assertEquals(List.of(new RecordingStageContext.Rejected(Map.of("id", 1L), "bad id")), ctx.rejected());
        assertEquals(List.of("INFO started", "WARN slow", "ERROR failed"), ctx.logs());
        assertEquals(List.of("slow"), ctx.logs("WARN"));
        assertEquals(Map.of("pages", 3L), ctx.reports());
        assertEquals(15, ctx.bytesRead());
        assertEquals(7, ctx.bytesWritten());
        assertEquals(2, ctx.errors());
        ctx.clearRejected();
        assertTrue(ctx.rejected().isEmpty());
        assertFalse(ctx.isCancelled());
        ctx.cancel();
        assertTrue(ctx.isCancelled());
    }

    @Test
    void withoutDeadLetterQueueARejectFailsTheStage() {
        RecordingStageContext ctx = RecordingStageContext.withoutDeadLetterQueue();
        StageException e = assertThrows(StageException.class, () -> ctx.reject(Map.of("id", 1L), "bad id"));
        assertEquals("bad id", e.getMessage());
        assertTrue(ctx.rejected().isEmpty());
    }
}
