package io.conveyor.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

class ParserWarmupTest {
    @Test
    void theWarmUpDocumentParsesCleanlySoItWarmsTheParsersNormalPath() {
        TomlParseResult r = Toml.parse(ParserWarmup.DOCUMENT);
        assertEquals(List.of(), r.errors());
        assertEquals("warmup", r.getString("pipeline.name"));
        assertEquals(2, r.getArray("stages").size());
        assertEquals(1500.0, r.getArray("stages").getTable(1).getDouble("config.limit"));
    }

    @Test
    void theWarmUpRunsOnADaemonThreadThatStoppingTheBundleCanWaitFor() {
        ParserWarmup warmup = ParserWarmup.start();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("conveyor-parser-warmup")).findFirst().orElse(null);
        if (thread != null) {
            assertEquals(true, thread.isDaemon(), "never keeps a JVM alive");
        }
        assertEquals(true, warmup.await(30_000));
        assertEquals(true, warmup.await(0), "and stays finished");
    }
}
