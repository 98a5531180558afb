package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A stage's own {@code timeout_seconds}, read next to {@code on_error}. */
class StageTimeoutDeclarationTest {
    private final CompilerFixture fx = new CompilerFixture();

    private static String pipeline(String timeoutLine) {
        return """
                [pipeline]
                name = "t"
                [[stages]]
                id = "orders"
                type = "source.csv"
                %s
                [stages.config]
                path = "data/orders.csv"
                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["orders"]
                on_error = "continue"
                [stages.config]
                path = "out.csv"
                """.formatted(timeoutLine);
    }

    @Test
    void readsTheStageTimeoutAndDefaultsToNone() throws Exception {
        CompiledPipeline p = fx.compile(pipeline("timeout_seconds = 30"));
        assertEquals(30, p.stages().get(0).timeoutSeconds());
        assertEquals(0, p.stages().get(1).timeoutSeconds());
        assertEquals(ErrorHandling.Strategy.CONTINUE, p.stages().get(1).onError());
    }

    @Test
    void rejectsANegativeOrNonIntegerTimeoutWithItsPosition() {
        List<String> negative = fx.problems(pipeline("timeout_seconds = -1"));
        assertEquals(1, negative.size(), negative::toString);
        assertTrue(negative.get(0).contains("timeout_seconds"), negative::toString);
        assertTrue(negative.get(0).contains(":6:"), negative::toString);
        List<String> text = fx.problems(pipeline("timeout_seconds = \"1m\""));
        assertEquals(1, text.size(), text::toString);
        assertTrue(text.get(0).contains("timeout_seconds"), text::toString);
    }
}
