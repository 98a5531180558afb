package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain {@code java -jar conveyor.jar FILE} makes a class-data archive in the user's cache
 * (and extracts the core bundles beside it) on its first run and runs the command in a child
 * JVM that maps it; the output and exit status are the same as without, and an unusable
 * cache changes nothing for the user.
 */
class ClassArchiveEndToEndTest {
    private static final String PIPELINE = """
            [pipeline]
            name = "three_lines"

            [[stages]]
            id = "in"
            type = "source.csv"
            inputs = []
            [stages.config]
            path = "t.csv"

            [[stages]]
            id = "out"
            type = "sink.stdout"
            inputs = ["in"]
            """;
    private static final List<String> TABLE = List.of(
            "+---+---+", "| a | b |", "+---+---+", "| 1 | x |", "| 2 | y |", "+---+---+", "(2 rows)");

    @TempDir
    Path dir;

    private ConveyorProcess conveyorWithCache(Path cacheHome) throws Exception {
        Files.writeString(dir.resolve("t.csv"), "a,b\n1,x\n2,y\n");
        Files.writeString(dir.resolve("t.toml"), PIPELINE);
        return new ConveyorProcess(dir, dir.resolve("tmp")).env("XDG_CACHE_HOME", cacheHome.toString());
    }

    private static List<Path> archives(Path cacheDir) throws Exception {
        if (!Files.isDirectory(cacheDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aSmallRunGetsTheQuickCompilerAloneAndARunReadingAPipeGetsBoth() throws Exception {
        Path cacheHome = dir.resolve("cache");
        String trace = "-Dconveyor.trace.startup";
        Outcome small = conveyorWithCache(cacheHome).env("JDK_JAVA_OPTIONS", trace).run("-q", "t.toml");
        assertEquals(0, small.exit(), small::toString);
        assertEquals(TABLE, small.stdoutLines(), small::toString);
        assertTrue(small.stderr().contains("conveyor: startup: compilers: C1 only, compile thresholds x4\n"),
                () -> "a 3-line file is a small run: " + small);

        Files.writeString(dir.resolve("piped.toml"), """
                [pipeline]
                name = "piped"

                [[stages]]
                id = "in"
                type = "source.stdin"
                [stages.config]
                format = "csv"

                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["in"]
                """);
        Outcome piped = conveyorWithCache(cacheHome).env("JDK_JAVA_OPTIONS", trace).stdin("a,b\n1,x\n2,y\n")
                .run("-q", "piped.toml");
        assertEquals(0, piped.exit(), piped::toString);
        assertEquals(TABLE, piped.stdoutLines(), piped::toString);
        assertTrue(piped.stderr().contains("conveyor: startup: compilers: C1 and C2\n"),
                () -> "a pipe's size is unknown, so the run keeps both: " + piped);

        Outcome own = conveyorWithCache(cacheHome).env("JDK_JAVA_OPTIONS", trace + " -XX:-TieredCompilation")
                .run("-q", "t.toml");
        assertEquals(0, own.exit(), own::toString);
        assertTrue(own.stderr().contains("conveyor: startup: compilers: C2 only\n"), () -> "the user's choice: " + own);
    }

    @Test
    void theFirstRunMakesTheArchiveAndEveryRunPrintsTheSame() throws Exception {
        Path cacheHome = dir.resolve("cache");
        ConveyorProcess conveyor = conveyorWithCache(cacheHome);
        Outcome first = conveyor.run("-q", "t.toml");
        assertEquals(0, first.exit(), first::toString);
        assertEquals(TABLE, first.stdoutLines(), first::toString);
        assertEquals("", first.stderr(), "no word from the training run or the JVM's sharing: " + first);
        List<Path> made = archives(cacheHome.resolve("conveyor"));
        assertEquals(4, made.size(), () -> "the archive, the extracted core bundles, the list of classes to load ahead"
                + " and the system packages, no scratch file: " + made);
        assertTrue(made.get(0).getFileName().toString().endsWith(".bundles"), made::toString);
        assertTrue(Files.isDirectory(made.get(0)), made::toString);
        assertTrue(made.get(1).getFileName().toString().endsWith(".classes"), made::toString);
        assertTrue(made.get(2).getFileName().toString().endsWith(".jsa"), made::toString);
        assertTrue(made.get(3).getFileName().toString().endsWith(".packages"), made::toString);
        List<String> classes = Files.readAllLines(made.get(1));
        assertEquals("io.conveyor.engine.internal.EngineActivator", classes.get(0),
                "in the order the training run loaded them, the engine's activator first: " + classes);
        assertTrue(classes.contains("io.conveyor.api.Schema"), classes::toString);
        assertTrue(classes.stream().allMatch(c -> c.startsWith("io.conveyor.") && !c.startsWith("io.conveyor.launcher.")
                && !c.contains("/")), () -> "the bundles' classes by name only: " + classes);

        Outcome second = conveyor.run("-q", "t.toml");
        assertEquals(first, second);
        assertEquals(made, archives(cacheHome.resolve("conveyor")), "the archive is reused");

        Outcome failing = conveyor.run("missing.toml");
        assertEquals(2, failing.exit(), "the child's exit status comes back: " + failing);
        assertEquals("conveyor: pipeline file 'missing.toml' not found\n", failing.stderr());
        assertEquals(List.of(), conveyor.leftInTmp(), "no framework storage is left behind");
    }

    @Test
    void theArchiveHoldsTheCommonStagesAndNeverJackson() throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,region,amount\n1,eu,120.5\n2,us,80\n3,eu,300\n");
        Files.writeString(dir.resolve("regions.csv"), "region,manager\neu,Ada\nus,Grace\n");
        Files.writeString(dir.resolve("report.toml"), """
                [pipeline]
                name = "report"

                [[stages]]
                id = "orders"
                type = "source.csv"
                [stages.config]
                path = "orders.csv"

                [[stages]]
                id = "regions"
                type = "source.csv"
                [stages.config]
                path = "regions.csv"

                [[stages]]
                id = "large"
                type = "transform.filter"
                inputs = ["orders"]
                [stages.config]
                expr = "amount > 100 and region in ('eu', 'us')"

                [[stages]]
                id = "taxed"
                type = "transform.map"
                inputs = ["large"]
                [stages.config.columns]
                gross = "amount * 1.2"

                [[stages]]
                id = "joined"
                type = "transform.join"
                inputs = ["taxed", "regions"]
                [stages.config]
                on = "region"

                [[stages]]
                id = "totals"
                type = "transform.group_by"
                inputs = ["joined"]
                [stages.config]
                by = ["manager"]
                aggregations = [{ column = "gross", operation = "sum", output_column = "gross" }]

                [[stages]]
                id = "ranked"
                type = "transform.sort"
                inputs = ["totals"]
                [stages.config]
                by = ["gross"]
                descending = [true]

                [[stages]]
                id = "top"
                type = "transform.limit"
                inputs = ["ranked"]
                [stages.config]
                count = 1

                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["top"]
                [stages.config]
                path = "report.csv"
                """);
        Path logs = Files.createDirectories(dir.resolve("class-logs"));
        ConveyorProcess conveyor = conveyorWithCache(dir.resolve("cache"))
                .env("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + logs.resolve("load-%p.txt") + ":none");
        Outcome training = conveyor.run("-q", "report.toml");
        assertEquals(0, training.exit(), training::toString);
        try (Stream<Path> s = Files.list(logs)) {
            for (Path f : s.toList()) {
                Files.delete(f);
            }
        }
        Outcome run = conveyor.run("-q", "report.toml");
        assertEquals(0, run.exit(), run::toString);
        assertEquals("manager,gross\nAda,504.6\n", Files.readString(dir.resolve("report.csv")));
        // The child's log is the one that names the engine's classes.
        List<String> child = List.of();
        try (Stream<Path> s = Files.list(logs)) {
            for (Path f : s.toList()) {
                List<String> lines = Files.readAllLines(f);
                if (lines.stream().anyMatch(l -> l.startsWith("io.conveyor.engine."))) {
                    child = lines;
                }
            }
        }
        assertFalse(child.isEmpty(), "the child logged its class loading");
        List<String> jackson = child.stream().filter(l -> l.startsWith("com.fasterxml.")).toList();
        assertEquals(List.of(), jackson, "an archived class verified against Jackson would load it in every run");
        for (String stage : List.of("transform.FilterFactory", "transform.MapFactory", "transform.join.JoinFactory",
                "transform.join.HashJoin", "transform.aggregate.GroupByFactory", "transform.sort.SortFactory",
                "transform.LimitFactory", "csv.CsvSource", "csv.CsvSinkFactory")) {
            String name = "io.conveyor.engine.internal.stages." + stage + " ";
            List<String> loaded = child.stream().filter(l -> l.startsWith(name)).toList();
            assertEquals(1, loaded.size(), () -> name + "loaded once: " + loaded);
            assertTrue(loaded.get(0).endsWith("source: shared objects file (top)"),
                    () -> "from the archive the training run made: " + loaded);
        }
        for (String expr : List.of("ExpressionParser", "ExpressionBinder", "BoundExpression", "Membership")) {
            String name = "io.conveyor.engine.internal.expr." + expr + " ";
            assertTrue(child.stream().anyMatch(l -> l.startsWith(name) && l.endsWith("source: shared objects file (top)")),
                    () -> name + "from the archive");
        }
    }

    @Test
    void aDamagedSystemPackagesFileIsIgnoredAndWrittenAgain() throws Exception {
        Path cacheHome = dir.resolve("cache");
        ConveyorProcess conveyor = conveyorWithCache(cacheHome);
        Outcome first = conveyor.run("-q", "t.toml");
        assertEquals(0, first.exit(), first::toString);
        Path packages = cacheFile(cacheHome, ".packages");
        String intact = Files.readString(packages);
        assertTrue(intact.contains("javax.xml.parsers") && intact.contains("org.w3c.dom"),
                "the JVM's packages plugins import stay exported: " + intact.substring(0, 200));
        for (String damaged : List.of(intact.replace("org.w3c.dom", "org.w3c.dum"), intact.substring(0, intact.length() / 2),
                "org.osgi.framework;version=1\n", "")) {
            Files.writeString(packages, damaged);
            Outcome o = conveyor.run("-q", "t.toml");
            assertEquals(first, o, "a damaged list changes nothing for the user");
            assertEquals(clauses(intact), clauses(Files.readString(packages)), "and is replaced by the framework's own");
        }
        Files.delete(packages);
        assertEquals(first, conveyor.run("-q", "t.toml"), "a missing list is computed again");
        assertEquals(clauses(intact), clauses(Files.readString(packages)));
    }

    @Test
    void aDamagedOrMissingListOfClassesToLoadAheadChangesNothing() throws Exception {
        Path cacheHome = dir.resolve("cache");
        ConveyorProcess conveyor = conveyorWithCache(cacheHome);
        Outcome first = conveyor.run("-q", "t.toml");
        assertEquals(0, first.exit(), first::toString);
        Path list = cacheFile(cacheHome, ".classes");
        for (String damaged : List.of("io.conveyor.engine.NoSuchClass\nio.conveyor.launcher.Main\n\u0000\u00ff junk\n",
                "io.conveyor.engine.internal.EngineActivator", "")) {
            Files.writeString(list, damaged, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals(first, conveyor.run("-q", "t.toml"), "a damaged list changes nothing for the user");
        }
        Files.delete(list);
        assertEquals(first, conveyor.run("-q", "t.toml"), "nor does a missing one");
        assertEquals(List.of(), conveyor.leftInTmp(), "no framework storage is left behind");
    }

    /** @return the cache's file whose name ends with {@code suffix} */
    private static Path cacheFile(Path cacheHome, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(cacheHome.resolve("conveyor"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    /** @return the exported packages of a list file, in any order (the framework's order varies from run to run) */
    private static java.util.Set<String> clauses(String file) {
        return new java.util.TreeSet<>(List.of(file.substring(file.indexOf('\n') + 1).split(", ")));
    }

    @Test
    void anUnusableCacheFallsBackToTheInProcessRun() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("cache-file"), "a file where the cache should be");
        ConveyorProcess conveyor = conveyorWithCache(notADirectory);
        Outcome o = conveyor.run("-q", "t.toml");
        assertEquals(0, o.exit(), o::toString);
        assertEquals(TABLE, o.stdoutLines(), o::toString);
        assertEquals("", o.stderr(), o::toString);
        assertFalse(Files.isDirectory(notADirectory));
    }
}
