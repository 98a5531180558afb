package io.conveyor.engine.internal.config;

import io.conveyor.api.Values;
import io.conveyor.engine.internal.log.LogLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compiler pass 2, the shape check: reads the fixed part of the file ({@code [pipeline]},
 * {@code [global]}, {@code [[stages]]}, {@code [error_handling]}) into a
 * {@link PipelineDeclaration}, reporting unknown keys, missing keys, wrong types and
 * values out of range. Stage configs are only checked to be tables here; their keys
 * belong to the stage type and are checked when binding.
 */
final class DeclarationReader {
    private static final Pattern STAGE_ID = Pattern.compile("[a-z0-9_-]+");
    private static final List<String> STRATEGIES = List.of("stop", "continue", "retry");
    private static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");
    private static final Set<String> TOP_LEVEL = keys("pipeline", "global", "stages", "error_handling");
    private static final Set<String> PIPELINE_KEYS = keys("name", "description");
    private static final Set<String> GLOBAL_KEYS =
            keys("log_level", "plugins", "max_parallel_tasks", "timeout_seconds", "variables");
    private static final Set<String> STAGE_KEYS = keys("id", "type", "inputs", "config", "on_error", "timeout_seconds");
    private static final Set<String> ERROR_KEYS =
            keys("strategy", "max_retries", "retry_delay_seconds", "dead_letter_queue");
    private static final Set<String> DLQ_KEYS = keys("enabled", "path");

    private final TomlDocument doc;
    private final ProblemCollector problems;

    DeclarationReader(TomlDocument doc, ProblemCollector problems) {
        this.doc = doc;
        this.problems = problems;
    }

    private static Set<String> keys(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }

    PipelineDeclaration read() {
        TableReader root = new TableReader(doc.root(), "", "", null, doc, problems);
        root.rejectUnknownKeys(TOP_LEVEL);

        String name = null;
        String description = null;
        TableReader pipeline = root.subReader("pipeline");
        if (pipeline == null) {
            if (!root.has("pipeline") && !misspelt("pipeline")) {
                problems.add(SourcePosition.UNKNOWN, null, "pipeline",
                        "missing [pipeline] table; add one with a name: [pipeline] name = \"my_pipeline\"", null);
            }
        } else {
            pipeline.rejectUnknownKeys(PIPELINE_KEYS);
            name = pipeline.string("name", true);
            if (name != null && name.isBlank()) {
                pipeline.report("name", "must not be empty", null);
                name = null;
            }
            description = pipeline.string("description", false);
        }

        LogLevel logLevel = LogLevel.INFO;
        List<LocatedString> plugins = List.of();
        int maxParallel = 4;
        long timeout = 0;
        Map<String, String> variables = new LinkedHashMap<>();
        TableReader global = root.subReader("global");
        if (global != null) {
            global.rejectUnknownKeys(GLOBAL_KEYS);
            String level = global.oneOf("log_level", LOG_LEVELS);
            if (level != null) {
                logLevel = LogLevel.parse(level);
            }
            plugins = global.stringArray("plugins");
            maxParallel = (int) Math.min(Integer.MAX_VALUE, global.integer("max_parallel_tasks", 1, 4));
            timeout = global.integer("timeout_seconds", 0, 0);
            variables = readVariables(global);
        }

        ErrorHandling.Strategy strategy = ErrorHandling.Strategy.STOP;
        int maxRetries = 3;
        double retryDelay = 5;
        String deadLetterPath = null;
        TableReader errors = root.subReader("error_handling");
        if (errors != null) {
            errors.rejectUnknownKeys(ERROR_KEYS);
            strategy = strategy(errors.oneOf("strategy", STRATEGIES), strategy);
            maxRetries = (int) Math.min(Integer.MAX_VALUE, errors.integer("max_retries", 0, 3));
            retryDelay = errors.number("retry_delay_seconds", 0, 5);
            TableReader dlq = errors.subReader("dead_letter_queue");
            if (dlq != null) {
                dlq.rejectUnknownKeys(DLQ_KEYS);
                boolean enabled = dlq.bool("enabled", dlq.has("path"));
                String path = dlq.string("path", false);
                if (enabled && path == null && !dlq.has("path")) {
                    dlq.report("enabled", "the dead-letter queue is enabled but has no path; "
                            + "add path = \"errors/failed_records.jsonl\"", null);
                }
                if (path != null && path.isBlank()) {
                    dlq.report("path", "must not be empty", null);
                    path = null;
                }
                deadLetterPath = enabled ? path : null;
            }
        }

        return new PipelineDeclaration(name, description, logLevel, plugins, maxParallel, timeout, variables,
                strategy, maxRetries, retryDelay, deadLetterPath, readStages(root));
    }

    private Map<String, String> readVariables(TableReader global) {
        Map<String, String> variables = new LinkedHashMap<>();
        TableReader vars = global.subReader("variables");
        if (vars == null) {
            return variables;
        }
        for (Map.Entry<String, Object> e : vars.values().entrySet()) {
            Object v = e.getValue();
            if (v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
                variables.put(e.getKey(), Values.toText(v));
            } else {
                vars.report(e.getKey(), ValueKinds.mismatch("a string, number or boolean", v), null);
            }
        }
        return variables;
    }

    private List<StageDeclaration> readStages(TableReader root) {
        List<StageDeclaration> stages = new ArrayList<>();
        Object raw = root.raw("stages");
        if (raw == null) {
            if (misspelt("stages")) {
                return stages; // the unknown key's hint says what to fix
            }
            problems.add(SourcePosition.UNKNOWN, null, "stages",
                    "the pipeline has no stages; add a [[stages]] table with an id and a type", null);
            return stages;
        }
        if (!(raw instanceof List<?> list)) {
            root.report("stages", ValueKinds.mismatch("an array of tables ([[stages]])", raw), null);
            return stages;
        }
        for (int i = 0; i < list.size(); i++) {
            String path = "stages[" + i + "]";
            if (!(list.get(i) instanceof Map)) {
                root.reportElement("stages", i, ValueKinds.mismatch("a table", list.get(i)), null);
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> table = (Map<String, Object>) list.get(i);
            Object rawId = table.get("id");
            String stageId = rawId instanceof String s ? s : null;
            TableReader stage = new TableReader(table, path, "", stageId, doc, problems);
            stage.rejectUnknownKeys(STAGE_KEYS);
            String id = stage.string("id", true);
            if (id != null && !STAGE_ID.matcher(id).matches()) {
                String lower = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
                stage.report("id", "invalid stage id '" + id
                        + "'; use lower-case letters, digits, '_' and '-'", "for example '" + lower + "'");
            }
            String type = stage.string("type", true);
            List<LocatedString> inputs = stage.stringArray("inputs");
            Map<String, Object> config = stage.table("config");
            ErrorHandling.Strategy onError = strategy(stage.oneOf("on_error", STRATEGIES), null);
            long timeout = stage.integer("timeout_seconds", 0, 0);
            stages.add(new StageDeclaration(i, path, stageId, type, inputs,
                    config == null ? new LinkedHashMap<>() : config, onError, timeout));
        }
        return stages;
    }

    private boolean misspelt(String key) {
        for (String k : doc.root().keySet()) {
            if (!TOP_LEVEL.contains(k) && !Suggestions.nearest(k, List.of(key)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static ErrorHandling.Strategy strategy(String text, ErrorHandling.Strategy fallback) {
        return text == null ? fallback : ErrorHandling.Strategy.valueOf(text.toUpperCase(Locale.ROOT));
    }
}
