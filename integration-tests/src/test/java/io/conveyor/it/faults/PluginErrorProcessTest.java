package io.conveyor.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess;
import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import io.conveyor.it.fixtures.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a real plugin bundle whose stage throws an {@code Error} fails only its stage —
 * under {@code continue} the unrelated branch writes its file whole, the plugin's branch is
 * skipped and leaves nothing, the exit status is 1 and the summary names both — and under
 * {@code stop} no file is left at all.
 */
class PluginErrorProcessTest {
    @TempDir
    Path dir;

    private Outcome run(String strategy) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Fixtures.crashy(plugins);
        Files.writeString(dir.resolve("in.csv"), "id,name\n1,ann\n2,bob\n");
        Files.writeString(dir.resolve(strategy + ".toml"), """
                [pipeline]
                name = "crash_%s"
                [global]
                plugins = ["crashy"]
                [error_handling]
                strategy = "%s"
                [[stages]]
                id = "boom"
                type = "plugin.crashy.boom"
                [[stages]]
                id = "boom_out"
                type = "sink.csv"
                inputs = ["boom"]
                [stages.config]
                path = "out/boom.csv"
                [[stages]]
                id = "people"
                type = "source.csv"
                [stages.config]
                path = "in.csv"
                [[stages]]
                id = "people_out"
                type = "sink.csv"
                inputs = ["people"]
                [stages.config]
                path = "out/people.csv"
                """.formatted(strategy, strategy));
        return new ConveyorProcess(dir, dir.resolve("tmp")).run("run", strategy + ".toml", "--plugin-dir",
                plugins.toString());
    }

    @Test
    void continueKeepsTheOtherBranchAndSkipsThePluginBranch() throws Exception {
        Outcome o = run("continue");
        assertEquals(1, o.exit(), o::toString);
        assertTrue(o.stderr().contains("Plugin 'crashy' failed in stage 'boom': AssertionError: stream corrupted"),
                o::toString);
        assertTrue(o.stderr().contains("stage 'boom_out' skipped: upstream stage 'boom' did not finish"), o::toString);
        assertTrue(o.stderr().contains("(skipped: boom_out)"), o::toString);
        assertFalse(o.stderr().contains("\tat "), o::toString);
        assertEquals(List.of("out/people.csv"), outFiles());
        assertEquals(List.of("id,name", "1,ann", "2,bob"), Files.readAllLines(dir.resolve("out/people.csv")));
    }

    @Test
    void stopLeavesNoPartialFile() throws Exception {
        Outcome o = run("stop");
        assertEquals(1, o.exit(), o::toString);
        assertTrue(o.stderr().contains("Pipeline 'crash_stop' failed after"), o::toString);
        // people may have finished before the crash cancelled it; then its file is whole.
        for (String f : outFiles()) {
            assertEquals("out/people.csv", f, o::toString);
            assertEquals(List.of("id,name", "1,ann", "2,bob"), Files.readAllLines(dir.resolve(f)));
        }
    }

    private List<String> outFiles() throws Exception {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
