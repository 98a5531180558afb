package io.conveyor.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the JVM's compilers the child uses: the quick one alone (C1,
 * {@code -XX:TieredStopAtLevel=1}) for a command whose work is small, both (C1, then C2 for
 * hot code) otherwise.
 *
 * <p>Why: on a two-core machine a million-row job is over in about a second, and C2 spends
 * 0.6–0.9 s of CPU time compiling its hot loops while both cores also run the pipeline; the
 * code it makes pays that back only over more rows. Side by side (alternating runs, benchmark
 * jobs J1–J4), the quick compiler alone took 18–27 % less wall time at 1M rows on the CSV jobs,
 * 5–15 % less at 4M (265 MB of CSV), and 7–17 % more at 16M (1 GB); on JSON lines it broke even
 * at 1M lines (143 MB) and was 28 % slower at 2M. The trivial pipeline started 13–15 % faster
 * (alternating blocks: 0.47 → 0.43 s, 0.55 → 0.48 s). So the launcher sizes the run before
 * starting the child: the bytes of the files its sources read, JSON counted {@value #JSON_WEIGHT} times (C2 matters most there), and
 * chooses the quick compiler below {@value #QUICK_LIMIT_MB} MB.
 *
 * <p>Below {@value #SMALL_LIMIT_KB} KB (a pipeline that reads a small file, and every command
 * that reads none) the run is nearly all start-up: code that runs a few hundred times (the
 * framework's and the TOML parser's) and never again. The quick compiler still compiles some
 * 900 methods of it, about 115 ms of its thread's CPU time on two busy cores. So for such a run
 * a method is compiled after four times as many calls or loop turns ({@value #LATER_COMPILES}):
 * side by side, the whole command of a 3-line pipeline took 226 → 214 ms (CPU 324 → 298 ms),
 * {@code validate} 214 → 199 ms, and the child JVM of the benchmark's J1 and J2 on 10,000 and
 * 50,000 rows (0.6 and 3.2 MB) about 20 ms less; at 200,000 rows (13 MB) J1 took 6–12 ms more, as
 * its parsing loops ran longer before they were compiled, so the limit stays well below that.
 * {@code stages} is left out (see {@link #options}).
 *
 * <p>The size is a cheap estimate read from the pipeline file ({@link TomlStrings}), with
 * {@code ${NAME}} and {@code ${NAME:-default}} taken from {@code --var}, {@code [global.variables]}
 * and the environment as the engine takes them. When it cannot be known, both compilers are
 * used, as before: a plugin stage (it may read anything), standard input from a pipe, a path
 * whose variables are not all set, a glob over more than {@value #MAX_GLOB_ENTRIES} entries, a
 * pipeline file this reader cannot follow. Commands other than {@code run}, and runs that fail
 * at once (a missing file), are short: quick compiler. A user who names any compiler option
 * ({@code -XX:TieredStopAtLevel}, {@code -XX:-TieredCompilation}, {@code -Xint}, ... on the
 * command line or in {@code JAVA_TOOL_OPTIONS} / {@code JDK_JAVA_OPTIONS}), or a file of options
 * ({@code -XX:VMOptionsFile}, {@code -XX:Flags}), decides instead.
 */
final class CompilerChoice {
    /** The option that keeps the JVM to its quick compiler. */
    static final String QUICK_ONLY = "-XX:TieredStopAtLevel=1";
    /** Weighted input size from which both compilers pay, in MB. */
    static final long QUICK_LIMIT_MB = 512;
    /** Weighted input size below which compiles come later ({@link #LATER_COMPILES}), in KB. */
    static final long SMALL_LIMIT_KB = 1024;
    /** For a small run: each compile threshold four times as high. */
    static final String LATER_COMPILES = "-XX:CompileThresholdScaling=4";
    /** How many times a byte of JSON counts against a byte of CSV. */
    static final int JSON_WEIGHT = 4;
    /** A glob that matches more entries than this is not sized. */
    static final int MAX_GLOB_ENTRIES = 10_000;
    /** The estimate when the size cannot be known. */
    static final long UNKNOWN = -1;
    private static final long MAX_PIPELINE_BYTES = 1 << 20;
    private static final int MAX_VARIABLE_DEPTH = 16;
    private static final List<String> COMPILER_OPTIONS = List.of("-XX:TieredStopAtLevel", "-XX:+TieredCompilation",
            "-XX:-TieredCompilation", "-XX:CompilationMode", "-Xint", "-Xcomp", "-Xmixed", "-XX:-UseCompiler",
            "-XX:+UseJVMCICompiler", "-XX:CompileThresholdScaling",
            // Files of options may hold any of those.
            "-XX:VMOptionsFile", "-XX:Flags");
    private static final List<String> VALUE_OPTIONS = List.of("--var", "--plugin-dir", "--log-level", "--metrics-json");
    private static final List<String> OTHER_COMMANDS = List.of("validate", "plugins", "stages", "version", "help");

    private final Map<String, String> overrides = new HashMap<>();
    private final Map<String, String> variables = new HashMap<>();
    private final Map<String, String> environment;
    /** The command line's first word that is not an option (a command or a pipeline file), once read. */
    private String command;

    private CompilerChoice(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * @param args the command line after {@code -jar conveyor.jar}
     * @param jvmOptions the child's JVM options (Conveyor's defaults and the user's)
     * @param environment the environment the child inherits
     * @param serverCompiler whether the JVM has C2 ({@link ChildJvmOptions#hasServerCompiler})
     * @param stdin what the child's standard input is ({@code /proc/self/fd/0}), or null if unknown
     * @return the options to add for the child's compilers: {@link #QUICK_ONLY} (with
     *         {@link #LATER_COMPILES} for a small run), or none
     */
    static List<String> options(String[] args, List<String> jvmOptions, Map<String, String> environment,
                                boolean serverCompiler, Path stdin) {
        if (!serverCompiler || ChildJvmOptions.startsAny(ChildJvmOptions.userOptions(jvmOptions, environment),
                COMPILER_OPTIONS)) {
            return List.of();
        }
        CompilerChoice choice = new CompilerChoice(environment);
        long size = choice.size(args, stdin);
        if (size == UNKNOWN || size >= QUICK_LIMIT_MB << 20) {
            return List.of();
        }
        // `stages` loads every plugin and formats every stage's options: more code run once than
        // start-up alone, and slower with later compiles (401 → 413 ms, 385 → 405 ms side by side).
        boolean small = size < SMALL_LIMIT_KB << 10 && !"stages".equals(choice.command);
        return small ? List.of(QUICK_ONLY, LATER_COMPILES) : List.of(QUICK_ONLY);
    }

    /**
     * @param args the command line after {@code -jar conveyor.jar}
     * @param environment the environment the child inherits
     * @param stdin what the child's standard input is, or null if unknown
     * @return the weighted bytes the command reads, 0 for a command that reads no data, or {@link #UNKNOWN}
     */
    static long workload(String[] args, Map<String, String> environment, Path stdin) {
        return new CompilerChoice(environment).size(args, stdin);
    }

    private long size(String[] args, Path stdin) {
        String file = pipelineFile(args);
        if (file == null) {
            return 0;
        }
        try {
            return inputBytes(Path.of(file), stdin);
        } catch (IOException | TomlStrings.Malformed | RuntimeException e) {
            return UNKNOWN;
        }
    }

    /**
     * Reads the command line as the engine's argument parser does, loosely (it reports mistakes).
     *
     * @return the pipeline file a run reads, or null for any other command (they read no data)
     */
    private String pipelineFile(String[] args) {
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (VALUE_OPTIONS.contains(name)) {
                String value = eq > 0 && arg.startsWith("--") ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : "";
                int split = value.indexOf('=');
                if (name.equals("--var") && split > 0) {
                    overrides.put(value.substring(0, split), value.substring(split + 1));
                }
            } else if (name.equals("--help") || name.equals("-h") || name.equals("--version") || name.equals("-V")
                    || name.equals("--dry-run")) {
                return null;
            }
        }
        command = positional.isEmpty() ? null : positional.get(0);
        if (positional.isEmpty() || OTHER_COMMANDS.contains(positional.get(0))) {
            return null;
        }
        if (positional.get(0).equals("run")) {
            return positional.size() > 1 ? positional.get(1) : null;
        }
        return positional.get(0);
    }

    private long inputBytes(Path pipeline, Path stdin) throws IOException, TomlStrings.Malformed {
        if (!Files.isRegularFile(pipeline)) {
            return 0; // the run stops at once, saying so
        }
        if (Files.size(pipeline) > MAX_PIPELINE_BYTES) {
            return UNKNOWN;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(pipeline))).toString();
        } catch (CharacterCodingException e) {
            return UNKNOWN;
        }
        List<TomlStrings.Entry> entries = TomlStrings.of(text);
        Map<String, String> types = new HashMap<>();
        String variablesPrefix = "global.variables.";
        for (TomlStrings.Entry e : entries) {
            if (e.key().startsWith(variablesPrefix)) {
                variables.put(e.key().substring(variablesPrefix.length()), e.value());
            } else if (e.key().startsWith("stages.") && e.key().endsWith(".type")) {
                types.put(e.key().substring(0, e.key().length() - ".type".length()), e.value());
            }
        }
        Path base = pipeline.toAbsolutePath().getParent();
        long total = 0;
        for (Map.Entry<String, String> stage : types.entrySet()) {
            String type = stage.getValue();
            long bytes;
            if (type.startsWith("plugin.")) {
                return UNKNOWN; // a plugin may read anything
            } else if (type.equals("source.csv") || type.equals("source.json")) {
                bytes = 0;
                String pathKey = stage.getKey() + ".config.path";
                for (TomlStrings.Entry e : entries) {
                    if (e.key().equals(pathKey)) {
                        String path = expand(e.value(), 0);
                        long size = path == null ? UNKNOWN : filesSize(base.resolve(path).normalize());
                        if (size == UNKNOWN) {
                            return UNKNOWN;
                        }
                        bytes = saturatedAdd(bytes, size);
                    }
                }
                bytes = type.equals("source.json") ? saturatedTimes(bytes, JSON_WEIGHT) : bytes;
            } else if (type.equals("source.stdin")) {
                bytes = stdinBytes(stdin);
                if (bytes == UNKNOWN) {
                    return UNKNOWN;
                }
            } else {
                bytes = 0; // transforms and sinks read what sources read
            }
            total = saturatedAdd(total, bytes);
        }
        return total;
    }

    /** @return the weighted size of what standard input holds: a file's, none for a device, else unknown */
    private static long stdinBytes(Path stdin) throws IOException {
        if (stdin == null) {
            return UNKNOWN;
        }
        Path target = Files.isSymbolicLink(stdin) ? Files.readSymbolicLink(stdin) : stdin;
        if (target.startsWith("/dev/")) {
            return 0; // a terminal or /dev/null
        }
        // The format is only known to the stage: counted as JSON, the dearer one.
        return Files.isRegularFile(target) ? saturatedTimes(Files.size(target), JSON_WEIGHT) : UNKNOWN;
    }

    /** @return the bytes of the file or of every file a glob matches (0 if none: the run stops at once) */
    private static long filesSize(Path path) throws IOException {
        if (!isGlob(path.toString())) {
            return Files.isRegularFile(path) ? Files.size(path) : 0;
        }
        Path root = path.getRoot() == null ? Path.of("") : path.getRoot();
        int i = 0;
        for (; i < path.getNameCount() && !isGlob(path.getName(i).toString()); i++) {
            root = root.resolve(path.getName(i));
        }
        if (!Files.isDirectory(root)) {
            return 0;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + path.subpath(i, path.getNameCount()));
        Path start = root;
        long[] sum = {0, 0};
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (++sum[1] > MAX_GLOB_ENTRIES) {
                    sum[0] = UNKNOWN;
                    return FileVisitResult.TERMINATE;
                }
                if (attributes.isRegularFile() && matcher.matches(start.relativize(file))) {
                    sum[0] = saturatedAdd(sum[0], attributes.size());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return sum[0];
    }

    private static boolean isGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
    }

    /**
     * Expands {@code ${NAME}}, {@code ${NAME:-default}} and {@code $${} as the engine does.
     *
     * @return the expanded text, or null if a variable is not set
     */
    private String expand(String text, int depth) {
        if (depth > MAX_VARIABLE_DEPTH) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    return null;
                }
                String inner = text.substring(i + 2, end);
                int dflt = inner.indexOf(":-");
                String name = dflt >= 0 ? inner.substring(0, dflt) : inner;
                String value = lookUp(name, depth);
                if (value == null && dflt >= 0) {
                    value = inner.substring(dflt + 2); // taken as written, as the engine does
                }
                if (value == null) {
                    return null;
                }
                out.append(value);
                i = end + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    private String lookUp(String name, int depth) {
        String value = overrides.get(name);
        if (value != null) {
            return value;
        }
        value = variables.get(name);
        if (value != null) {
            return expand(value, depth + 1);
        }
        return environment.get(name);
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedTimes(long a, int factor) {
        return a > Long.MAX_VALUE / factor ? Long.MAX_VALUE : a * factor;
    }
}
