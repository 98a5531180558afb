package io.conveyor.engine.internal.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinStagesTest {
    @Test
    void standardCatalogueHoldsEveryBuiltinWithDocumentedOptions() {
        BuiltinStages b = BuiltinStages.standard();
        assertEquals(List.of("sink.csv", "sink.json", "sink.stdout", "source.csv", "source.json", "source.stdin",
                "transform.cast", "transform.decrypt", "transform.distinct", "transform.encrypt", "transform.filter",
                "transform.flatten", "transform.group_by", "transform.join", "transform.json_extract",
                "transform.limit", "transform.map", "transform.rename", "transform.select", "transform.sort",
                "transform.union", "transform.validate"), List.copyOf(b.all().keySet()));
        for (StageFactory f : b.all().values()) {
            assertFalse(f.descriptor().description().isEmpty(), f.descriptor().name());
            for (OptionSpec o : f.descriptor().options()) {
                assertFalse(o.description().isEmpty(), f.descriptor().name() + "." + o.name());
            }
        }
        assertEquals(8192L, b.get("source.csv").descriptor().option("batch_size").defaultValue());
        assertEquals("records", b.get("sink.json").descriptor().option("format").defaultValue());
        assertEquals(List.of("table", "json", "jsonl", "csv"),
                b.get("sink.stdout").descriptor().option("format").allowedValues());
    }

    /** Counts how often it is made; registered under a type to test the lazy catalogue. */
    static final class CountedFactory implements StageFactory {
        static final java.util.concurrent.atomic.AtomicInteger MADE = new java.util.concurrent.atomic.AtomicInteger();
        private final StageFactory limit = new io.conveyor.engine.internal.stages.transform.LimitFactory();

        CountedFactory() {
            MADE.incrementAndGet();
        }

        @Override
        public io.conveyor.api.StageDescriptor descriptor() {
            return limit.descriptor();
        }
    }

    @Test
    void registeredStagesAreMadeOnFirstUseOnly() {
        CountedFactory.MADE.set(0);
        BuiltinStages b = new BuiltinStages().add("transform.limit", CountedFactory::new);
        assertEquals(List.of("transform.limit"), List.copyOf(b.all().keySet()), "listing types makes nothing");
        assertEquals(true, b.all().containsKey("transform.limit"));
        assertEquals(0, CountedFactory.MADE.get());
        StageFactory first = b.get("transform.limit");
        assertEquals(1, CountedFactory.MADE.get());
        assertEquals(first, b.get("transform.limit"), "made once, then kept");
        assertEquals(first, b.all().get("transform.limit"));
        assertEquals(1, CountedFactory.MADE.get());
        assertEquals(null, b.get("transform.nothing"));
    }

    @Test
    void aRegistrationUnderAnotherTypeThanTheStageDescribesFailsLoudly() {
        BuiltinStages b = new BuiltinStages().add("transform.top", CountedFactory::new);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> b.get("transform.top"));
        assertEquals("built-in stage registered as transform.top describes itself as transform.limit", e.getMessage());
    }
}

