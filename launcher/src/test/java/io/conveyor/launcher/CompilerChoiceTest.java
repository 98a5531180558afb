package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parent's choice of compilers for the child ({@link CompilerChoice}): real pipeline files
 * and data files (large ones sparse, so they take no disk), sized as the engine would read them.
 */
class CompilerChoiceTest {
    private static final long MB = 1 << 20;
    private static final List<String> QUICK = List.of(CompilerChoice.QUICK_ONLY);
    /** A small run: the quick compiler, and compiles later (start-up's code is most of the run). */
    private static final List<String> SMALL = List.of(CompilerChoice.QUICK_ONLY, CompilerChoice.LATER_COMPILES);

    @TempDir
    Path dir;

    private Path file(String name, long bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(bytes);
        }
        return f;
    }

    private Path pipeline(String stages) throws IOException {
        return Files.writeString(dir.resolve("p.toml"), "[pipeline]\nname = \"p\"\n" + stages);
    }

    private static String source(String type, String path) {
        return "[[stages]]\nid = \"s" + Math.abs(path.hashCode()) + "\"\ntype = \"" + type + "\"\ninputs = []\n"
                + "[stages.config]\npath = \"" + path + "\"\n";
    }

    private static long workload(Map<String, String> env, String... args) {
        return CompilerChoice.workload(args, env, null);
    }

    private static List<String> options(Map<String, String> env, List<String> jvmOptions, String... args) {
        return CompilerChoice.options(args, jvmOptions, env, true, null);
    }

    @Test
    void sourceFilesAreSizedRelativeToThePipelineWithJsonCountedFourTimesAndSinksNot() throws IOException {
        file("in.csv", 3 * MB);
        file("data/in.jsonl", 2 * MB);
        file("big-output.csv", 900 * MB);
        Path p = pipeline(source("source.csv", "in.csv") + source("source.json", "data/in.jsonl")
                + "[[stages]]\nid = \"w\"\ntype = \"sink.csv\"\ninputs = [\"s\"]\nconfig = { path = \"big-output.csv\" }\n");
        assertEquals(3 * MB + 4 * 2 * MB, workload(Map.of(), p.toString()));
        assertEquals(3 * MB + 4 * 2 * MB, workload(Map.of(), "run", p.toString(), "--quiet"));
        assertEquals(QUICK, options(Map.of(), List.of("-Xmx1g"), "run", p.toString()));
    }

    @Test
    void fromFiveHundredAndTwelveWeightedMegabytesBothCompilersAreUsed() throws IOException {
        file("a.csv", 511 * MB);
        assertEquals(QUICK, options(Map.of(), List.of(), pipeline(source("source.csv", "a.csv")).toString()));
        file("b.csv", 512 * MB);
        assertEquals(List.of(), options(Map.of(), List.of(), pipeline(source("source.csv", "b.csv")).toString()));
        file("c.jsonl", 128 * MB);
        assertEquals(List.of(), options(Map.of(), List.of(), pipeline(source("source.json", "c.jsonl")).toString()),
                "128 MB of JSON weighs as 512 MB of CSV");
        file("d.jsonl", 127 * MB);
        assertEquals(QUICK, options(Map.of(), List.of(), pipeline(source("source.json", "d.jsonl")).toString()));
    }

    @Test
    void belowOneMegabyteCompilesComeLater() throws IOException {
        file("tiny.csv", 1024 * 1024 - 1);
        assertEquals(SMALL, options(Map.of(), List.of(), pipeline(source("source.csv", "tiny.csv")).toString()));
        file("one.csv", 1024 * 1024);
        assertEquals(QUICK, options(Map.of(), List.of(), pipeline(source("source.csv", "one.csv")).toString()));
        file("quarter.jsonl", 256 * 1024);
        assertEquals(QUICK, options(Map.of(), List.of(), pipeline(source("source.json", "quarter.jsonl")).toString()),
                "256 KB of JSON weighs as 1 MB of CSV");
        file("less.jsonl", 256 * 1024 - 1);
        assertEquals(SMALL, options(Map.of(), List.of(), pipeline(source("source.json", "less.jsonl")).toString()));
    }

    @Test
    void variablesComeFromTheCommandLineThenTheFileThenTheEnvironment() throws IOException {
        file("cli/in.csv", 1 * MB);
        file("vars/in.csv", 2 * MB);
        file("env/in.csv", 4 * MB);
        file("dflt/in.csv", 8 * MB);
        String vars = "[global.variables]\nfromfile = \"vars\"\nchained = \"${fromfile}\"\n";
        Path p = Files.writeString(dir.resolve("v.toml"), vars + source("source.csv", "${where}/in.csv"));
        Map<String, String> env = Map.of("where", "env");
        assertEquals(1 * MB, workload(env, "run", p.toString(), "--var", "where=cli"));
        assertEquals(1 * MB, workload(env, "--var=where=cli", p.toString()));
        assertEquals(4 * MB, workload(env, p.toString()));
        assertEquals(CompilerChoice.UNKNOWN, workload(Map.of(), p.toString()), "an unset variable: unknown");
        Path q = Files.writeString(dir.resolve("w.toml"), vars + source("source.csv", "${chained}/in.csv")
                + source("source.csv", "${nowhere:-dflt}/in.csv") + source("source.csv", "$${literal}/in.csv"));
        assertEquals(2 * MB + 8 * MB, workload(Map.of(), q.toString()), "a missing file adds nothing: the run stops");
    }

    @Test
    void globsAddEveryMatchingFile() throws IOException {
        file("parts/a.csv", 1 * MB);
        file("parts/b.csv", 2 * MB);
        file("parts/c.txt", 100 * MB);
        file("parts/deeper/d.csv", 4 * MB);
        assertEquals(3 * MB, workload(Map.of(), pipeline(source("source.csv", "parts/*.csv")).toString()));
        assertEquals(7 * MB, workload(Map.of(), pipeline(source("source.csv", "parts/**.csv")).toString()));
        assertEquals(0, workload(Map.of(), pipeline(source("source.csv", "nothing/*.csv")).toString()));
    }

    @Test
    void aPluginStageOrAFileItCannotFollowLeavesBothCompilers() throws IOException {
        file("in.csv", 1 * MB);
        Path plugin = pipeline(source("source.csv", "in.csv")
                + "[[stages]]\nid = \"up\"\ntype = \"plugin.template.upper\"\ninputs = [\"s\"]\n");
        assertEquals(CompilerChoice.UNKNOWN, workload(Map.of(), plugin.toString()));
        assertEquals(List.of(), options(Map.of(), List.of(), plugin.toString()));
        Path broken = Files.writeString(dir.resolve("broken.toml"), "[[stages]]\ntype = \"source.csv\nid = 1\n");
        assertEquals(List.of(), options(Map.of(), List.of(), broken.toString()));
    }

    @Test
    void commandsThatReadNoDataAndRunsThatStopAtOnceAreQuickAndSmallButStagesIsNotSmall() {
        for (String[] args : List.of(new String[] {"validate", "p.toml"},
                new String[] {"plugins"}, new String[] {"--help"}, new String[] {"run", "p.toml", "--dry-run"},
                new String[] {"no-such-file.toml"}, new String[] {})) {
            assertEquals(SMALL, options(Map.of(), List.of(), args), String.join(" ", args));
        }
        assertEquals(QUICK, options(Map.of(), List.of(), "stages"), "it runs more code once than start-up");
        assertEquals(QUICK, options(Map.of(), List.of(), "--plugin-dir", "stages", "stages"));
        assertEquals(SMALL, options(Map.of(), List.of(), "--plugin-dir", "stages", "plugins"));
    }

    @Test
    void standardInputIsSizedWhenItIsAFileAndUnknownWhenItIsAPipe() throws IOException {
        Path p = pipeline("[[stages]]\nid = \"in\"\ntype = \"source.stdin\"\n[stages.config]\nformat = \"csv\"\n");
        Path data = file("stdin.csv", 10 * MB);
        Path link = Files.createSymbolicLink(dir.resolve("fd0"), data);
        assertEquals(4 * 10 * MB, CompilerChoice.workload(new String[] {p.toString()}, Map.of(), link));
        Path devNull = Files.createSymbolicLink(dir.resolve("fd0-null"), Path.of("/dev/null"));
        assertEquals(0, CompilerChoice.workload(new String[] {p.toString()}, Map.of(), devNull));
        Path pipe = Files.createSymbolicLink(dir.resolve("fd0-pipe"), Path.of("pipe:[4242]"));
        assertEquals(CompilerChoice.UNKNOWN, CompilerChoice.workload(new String[] {p.toString()}, Map.of(), pipe));
        assertEquals(CompilerChoice.UNKNOWN, CompilerChoice.workload(new String[] {p.toString()}, Map.of(), null));
    }

    @Test
    void aUserWhoNamesACompilerOptionDecides() {
        for (String own : List.of("-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation", "-Xint", "-XX:CompilationMode=high-only",
                "-XX:VMOptionsFile=/etc/conveyor.jvm", "-XX:CompileThresholdScaling=0.5")) {
            assertEquals(List.of(), options(Map.of(), List.of(own), "stages"), own);
            assertEquals(List.of(), options(Map.of("JDK_JAVA_OPTIONS", "-Xmx1g " + own), List.of(), "stages"), own);
        }
        assertEquals(List.of(), CompilerChoice.options(new String[] {"stages"}, List.of(), Map.of(), false, null),
                "a JVM without C2");
    }
}
