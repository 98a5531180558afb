package io.conveyor.engine.internal.config;

import io.conveyor.api.Problem;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;

/**
 * Turns a pipeline file into a {@link CompiledPipeline}, the same way for {@code validate},
 * {@code --dry-run} and {@code run}. Compilation runs in passes (parse, shape, interpolation,
 * graph, stage types, stage configs, schemas) and collects every problem before failing, so the
 * user sees all there is to fix at once; only a syntax error stops it early, since the
 * later passes need a tree. It never throws anything but {@link CompileException}, even when
 * a plugin's code misbehaves.
 */
public final class PipelineCompiler {
    private final BuiltinStages builtins;
    private final PluginLoader plugins;
    private final Map<String, String> environment;
    /** Whether the plan rewrites run: off only in tests that compare a plan with its rewritten self. */
    private final boolean rewriting;

    /**
     * @param builtins the built-in stage types
     * @param plugins loads the plugins a pipeline names
     * @param environment where {@code ${NAME}} finds what the file and the overrides do not set
     *                    (the process environment, in production)
     */
    public PipelineCompiler(BuiltinStages builtins, PluginLoader plugins, Map<String, String> environment) {
        this(builtins, plugins, environment, true);
    }

    /** @param rewrites false to leave the plan as written (passes 8 and 9), for tests that compare results */
    PipelineCompiler(BuiltinStages builtins, PluginLoader plugins, Map<String, String> environment, boolean rewrites) {
        this.builtins = builtins;
        this.plugins = plugins;
        this.environment = Map.copyOf(environment);
        this.rewriting = rewrites;
    }

    /**
     * Compiles a file; relative paths in it resolve against its directory.
     *
     * @param file the pipeline file; problems name it as given
     * @param overrides {@code --var} style values that win over {@code [global.variables]} and the environment
     * @return the compiled pipeline
     * @throws CompileException with every problem found, in file order
     */
    public CompiledPipeline compile(Path file, Map<String, String> overrides) throws CompileException {
        String name = file.toString();
        String text;
        if (Files.isDirectory(file)) {
            throw fileProblem(name, "is a directory, not a pipeline file; name the .toml file");
        }
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw fileProblem(name, "pipeline file not found; check the path");
        } catch (AccessDeniedException e) {
            throw fileProblem(name, "permission denied reading the pipeline file");
        } catch (CharacterCodingException e) {
            throw fileProblem(name, "the pipeline file is not UTF-8 text; save it as UTF-8");
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw fileProblem(name, "cannot read the pipeline file: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return compile(text, name, dir, overrides, file);
    }

    /**
     * Compiles pipeline text.
     *
     * @param toml the pipeline text
     * @param sourceName what problems call the text (a file name, {@code <stdin>})
     * @param baseDir the directory relative paths resolve against, or null for the working directory
     * @param overrides {@code --var} style values that win over {@code [global.variables]} and the environment
     * @return the compiled pipeline (its {@link CompiledPipeline#file()} is null)
     * @throws CompileException with every problem found, in file order
     */
    public CompiledPipeline compile(String toml, String sourceName, Path baseDir, Map<String, String> overrides)
            throws CompileException {
        return compile(toml, sourceName, baseDir, overrides, null);
    }

    private static CompileException fileProblem(String file, String message) {
        return new CompileException(null, List.of(new Problem(file, 0, 0, null, null, message, null)));
    }

    private CompiledPipeline compile(String toml, String sourceName, Path baseDir, Map<String, String> overrides,
                                     Path file) throws CompileException {
        ProblemCollector problems = new ProblemCollector(sourceName);
        Map<String, String> vars = overrides == null ? Map.of() : overrides;

        // Pass 1: syntax. TOML allows no control character but tab and newlines anywhere; tomlj
        // trips an internal assertion on some (one in a comment after a table header), so they
        // are reported here, each where it is, before tomlj sees the text.
        if (reportControlCharacters(toml, problems)) {
            throw new CompileException(null, problems.inFileOrder(SecretMasker.none()));
        }
        CompactedText compacted = CompactedText.of(toml);
        TomlParseResult parsed;
        try {
            parsed = Toml.parse(compacted.text());
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            // A parser bug (tomlj 2.2.0 throws a NullPointerException on 'g={p,[' followed by an
            // array-of-tables header) must still end as a located problem, never a crash.
            reportParserFailure(compacted, problems);
            throw new CompileException(null, problems.inFileOrder(SecretMasker.none()));
        }
        if (parsed.hasErrors()) {
            addSyntaxErrors(parsed, compacted, problems);
            throw new CompileException(null, problems.inFileOrder(SecretMasker.none()));
        }
        TomlDocument doc = TomlDocument.of(parsed, compacted);

        // Pass 2: shape.
        PipelineDeclaration decl = new DeclarationReader(doc, problems).read();

        // Pass 3: variables.
        InterpolationPass interpolation = new InterpolationPass(doc, problems, vars, decl.variables(), environment);
        Map<String, String> variables = interpolation.variables(decl.variables());
        String deadLetter = interpolation.deadLetterPath(decl.deadLetterPath());
        Map<Integer, InterpolationPass.ExpandedConfig> configs = new HashMap<>();
        for (StageDeclaration s : decl.stages()) {
            configs.put(s.index(), interpolation.stageConfig(s));
        }
        SecretMasker masker = interpolation.masker();

        // Pass 4: graph.
        List<String> order = new ArrayList<>(new GraphCheck(doc, problems).check(decl.stages()));

        // Passes 5 and 6: stage types, then stage configs.
        StageResolver resolver = new StageResolver(builtins, plugins, doc, problems);
        resolver.loadPlugins(decl.plugins());
        ConfigBinder binder = new ConfigBinder(doc, problems, baseDir, masker);
        Map<String, CompiledStage> compiled = new HashMap<>();
        for (StageDeclaration s : decl.stages()) {
            if (s.type() == null) {
                continue;
            }
            ResolvedStage resolved = resolver.resolve(s);
            if (resolved == null) {
                continue;
            }
            InterpolationPass.ExpandedConfig config = configs.get(s.index());
            BoundStageConfig bound = binder.bind(s, resolved, config.values(), config.interpolatedKeys());
            if (bound != null && s.id() != null) {
                compiled.putIfAbsent(s.id(), new CompiledStage(s.id(), s.type(), resolved.factory(), s.inputIds(),
                        bound, resolved.plugin(), s.onError(), s.timeoutSeconds()));
            }
        }

        // Pass 7: the columns each stage emits, so expressions and column lists are checked now.
        Map<String, io.conveyor.api.Schema> schemas = new SchemaPass(problems).run(order, compiled);

        Path deadLetterPath = deadLetter == null ? null : resolve(baseDir, deadLetter, doc, problems);
        if (!problems.isEmpty()) {
            throw new CompileException(decl.name(), problems.inFileOrder(masker));
        }
        // Pass 8: plan rewrites that keep every stage and its results, only cheaper.
        List<String> rewrites = new ArrayList<>();
        if (rewriting) {
            FilterPushdown.apply(order, compiled, schemas, rewrites);
            TopNFold.apply(compiled, rewrites);
            TopNCutoffPass.apply(compiled, schemas, rewrites);
            // Pass 9: a source converts only the columns the stages after it use.
            ProjectionPass.apply(order, compiled, schemas, rewrites);
        }
        List<CompiledStage> stages = new ArrayList<>();
        for (String id : order) {
            stages.add(compiled.get(id));
        }
        GlobalSettings global = new GlobalSettings(decl.logLevel(),
                decl.plugins().stream().map(LocatedString::value).distinct().toList(),
                decl.maxParallelTasks(), decl.timeoutSeconds(), variables);
        ErrorHandling errors = new ErrorHandling(decl.strategy(), decl.maxRetries(), decl.retryDelaySeconds(),
                deadLetterPath);
        return new CompiledPipeline(decl.name(), decl.description(), file, global, errors, stages, masker, rewrites);
    }

    private static Path resolve(Path baseDir, String path, TomlDocument doc, ProblemCollector problems) {
        String key = "error_handling.dead_letter_queue.path";
        try {
            Path p = Path.of(path);
            return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p).normalize();
        } catch (InvalidPathException e) {
            problems.add(doc.positionOf(key), null, key, "invalid path: " + e.getReason(), null);
            return null;
        }
    }

    private static void addSyntaxErrors(TomlParseResult parsed, CompactedText compacted, ProblemCollector problems) {
        for (TomlParseError e : parsed.errors()) {
            problems.add(compacted.original(TomlDocument.position(e.position())), null, null,
                    compacted.originalLines(syntaxMessage(e)), null);
        }
    }

    /**
     * Finds, by parsing shorter prefixes, the first line the parser fails on, and reports it with
     * the errors of the longest prefix that parses: they usually name the real mistake.
     */
    private static void reportParserFailure(CompactedText compacted, ProblemCollector problems) {
        String[] lines = compacted.text().split("\n", -1);
        int good = 0;
        int bad = lines.length;
        TomlParseResult before = Toml.parse("");
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            TomlParseResult prefix = parseOrNull(String.join("\n", Arrays.copyOf(lines, mid)));
            if (prefix == null) {
                bad = mid;
            } else {
                good = mid;
                before = prefix;
            }
        }
        addSyntaxErrors(before, compacted, problems);
        problems.add(compacted.original(new SourcePosition(bad, 1)), null, null, "syntax error: the TOML parser "
                + "failed on this line; check the brackets [ ] and braces { } on it and on the lines above", null);
    }

    private static TomlParseResult parseOrNull(String text) {
        try {
            return Toml.parse(text);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return null;
        }
    }

    /**
     * Reports the first control character TOML does not allow on each line (one per line, so a
     * binary file gives a short list).
     *
     * @return whether a problem was added
     */
    private static boolean reportControlCharacters(String toml, ProblemCollector problems) {
        boolean found = false;
        int line = 1;
        int column = 1;
        int reportedLine = 0;
        for (int i = 0; i < toml.length(); i++) {
            char c = toml.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            boolean crlf = c == '\r' && i + 1 < toml.length() && toml.charAt(i + 1) == '\n';
            if (((c < 0x20 && c != '\t' && !crlf) || c == 0x7f) && reportedLine != line) {
                reportedLine = line;
                problems.add(new SourcePosition(line, column), null, null, String.format(
                        "syntax error: control character U+%04X is not allowed in TOML; remove it, or write it as "
                                + "\\u%04X inside a \"quoted\" string", (int) c, (int) c), null);
                found = true;
            }
            column++;
        }
        return found;
    }

    private static String syntaxMessage(TomlParseError e) {
        String message = "syntax error: " + e.getMessage();
        if (String.valueOf(e.getMessage()).startsWith("Unexpected '$'")) {
            // count = ${n}: variables are expanded in strings only, and options then convert them.
            message += "; a ${NAME} variable goes inside a quoted string, e.g. count = \"${n}\" (an option that "
                    + "takes a number or true/false converts it)";
        }
        return message;
    }
}
