package io.conveyor.engine.internal.cli;

import io.conveyor.engine.internal.config.Suggestions;
import io.conveyor.engine.internal.log.LogLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns {@code conveyor}'s arguments into a {@link CommandLine}. Options may come before or
 * after the command, as {@code --name value} or {@code --name=value}. Pure: it does not look
 * at the file system, so a missing pipeline file is reported by the caller.
 */
public final class ArgumentParser {
    private static final Set<String> VALUE_OPTIONS = Set.of("--plugin-dir", "--log-level", "--var", "--metrics-json");
    private static final Set<String> FLAG_OPTIONS = Set.of("--dry-run", "--quiet", "--progress", "--help", "--version");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private ArgumentParser() {
    }

    /**
     * @param args the arguments after {@code conveyor}
     * @return the command line
     * @throws UsageException naming what is wrong, with a "did you mean" hint for a near-miss
     */
    public static CommandLine parse(String[] args) throws UsageException {
        List<String> positional = new ArrayList<>();
        List<Path> pluginDirs = new ArrayList<>();
        Map<String, String> variables = new LinkedHashMap<>();
        LogLevel logLevel = null;
        Path metrics = null;
        boolean dryRun = false;
        boolean quiet = false;
        boolean progress = false;
        boolean help = false;
        boolean version = false;
        List<String> runOnly = new ArrayList<>();
        List<String> fileOnly = new ArrayList<>();
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
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            name = switch (name) {
                case "-h" -> "--help";
                case "-V" -> "--version";
                case "-q" -> "--quiet";
                default -> name;
            };
            if (FLAG_OPTIONS.contains(name)) {
                if (value != null) {
                    throw new UsageException("option '" + name + "' takes no value");
                }
                switch (name) {
                    case "--dry-run" -> { dryRun = true; runOnly.add(name); }
                    case "--quiet" -> { quiet = true; fileOnly.add(name); }
                    case "--progress" -> { progress = true; runOnly.add(name); }
                    case "--help" -> help = true;
                    default -> version = true;
                }
                continue;
            }
            if (!VALUE_OPTIONS.contains(name)) {
                throw unknownOption(name);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("option '" + name + "' needs a value");
                }
                value = args[++i];
            }
            if (value.isEmpty()) {
                throw new UsageException("option '" + name + "' needs a value");
            }
            switch (name) {
                case "--plugin-dir" -> pluginDirs.add(Path.of(value));
                case "--log-level" -> {
                    logLevel = LogLevel.parse(value);
                    if (logLevel == null) {
                        throw new UsageException("unknown log level '" + value
                                + "' (expected trace, debug, info, warn or error)");
                    }
                }
                case "--var" -> {
                    parseVariable(value, variables);
                    fileOnly.add(name);
                }
                default -> {
                    metrics = Path.of(value);
                    runOnly.add(name);
                }
            }
        }
        if (help) {
            return new CommandLine(Command.HELP, null, pluginDirs, logLevel, false, Map.of(), quiet, null);
        }
        if (version) {
            return new CommandLine(Command.VERSION, null, pluginDirs, logLevel, false, Map.of(), quiet, null);
        }
        if (positional.isEmpty()) {
            throw new UsageException("no command or pipeline file given");
        }
        Command command = commandOf(positional.get(0));
        int fileIndex = command == null ? 0 : 1;
        if (command == null) {
            command = Command.RUN;
        }
        Path file = null;
        if (command.takesFile()) {
            if (positional.size() <= fileIndex) {
                throw new UsageException("'" + command.id() + "' needs a pipeline file");
            }
            file = Path.of(positional.get(fileIndex));
            fileIndex++;
        }
        if (positional.size() > fileIndex) {
            throw new UsageException("unexpected argument '" + positional.get(fileIndex) + "'");
        }
        if (command != Command.RUN && !runOnly.isEmpty()) {
            throw new UsageException("option '" + runOnly.get(0) + "' applies only to 'run'");
        }
        if (!command.takesFile() && !fileOnly.isEmpty()) {
            throw new UsageException("option '" + fileOnly.get(0) + "' applies only to 'run' and 'validate'");
        }
        return new CommandLine(command, file, pluginDirs, logLevel, dryRun, variables, quiet, metrics, progress);
    }

    /** @return the command named by the first positional argument, or null if it names a file */
    private static Command commandOf(String word) throws UsageException {
        for (Command c : Command.values()) {
            if (c.id().equals(word)) {
                return c;
            }
        }
        if (word.equals("shell")) {
            throw new UsageException("the 'shell' command is started by the launcher: java -jar conveyor.jar shell", false);
        }
        if (looksLikeFile(word)) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        for (Command c : Command.values()) {
            names.add(c.id());
        }
        String hint = Suggestions.hint(word, names);
        if (hint != null) {
            throw new UsageException("unknown command '" + word + "' (" + hint + ")");
        }
        // Not a command: a pipeline file (whose absence the caller reports).
        return null;
    }

    private static boolean looksLikeFile(String word) {
        return word.contains(".") || word.contains("/") || word.contains("\\");
    }

    private static void parseVariable(String value, Map<String, String> variables) throws UsageException {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("option '--var' expects NAME=VALUE, got '" + value + "'");
        }
        String name = value.substring(0, eq);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new UsageException("option '--var': '" + name + "' is not a variable name"
                    + " (letters, digits, '_', '.', '-'; not starting with a digit)");
        }
        variables.put(name, value.substring(eq + 1));
    }

    private static UsageException unknownOption(String name) {
        Set<String> all = new TreeSet<>(VALUE_OPTIONS);
        all.addAll(FLAG_OPTIONS);
        String hint = Suggestions.hint(name, all);
        return new UsageException("unknown option '" + name + "'" + (hint != null ? " (" + hint + ")" : ""));
    }
}
