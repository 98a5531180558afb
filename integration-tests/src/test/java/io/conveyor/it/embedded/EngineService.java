package io.conveyor.it.embedded;

import io.conveyor.it.support.ContainerFramework;
import io.conveyor.it.support.Reflective;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code PipelineEngine} service of a container, called reflectively: the service and
 * its results are of the engine bundle's class space, not the test's (NOTES gotcha 6), so
 * results are read into plain records here.
 */
final class EngineService {
    static final String INTERFACE = "io.conveyor.api.PipelineEngine";

    /** A stage's counters and its failure message (or null). */
    record StageCounts(String status, long in, long out, long errors, long deadLettered, long millis, String error) {
    }

    /** A run's outcome: status name, error message, counters by stage id in pipeline order, problems. */
    record Outcome(String status, String error, Map<String, StageCounts> stages, List<String> problems) {
        @Override
        public String toString() {
            return status + (error == null ? "" : ": " + error) + " " + stages + " " + problems;
        }
    }

    private final Object engine;

    private EngineService(Object engine) {
        this.engine = engine;
    }

    /**
     * @param container a started container with the embedded set
     * @return its engine service
     */
    static EngineService in(ContainerFramework container) {
        Object service = container.service(INTERFACE);
        if (service == null) {
            throw new AssertionError("no " + INTERFACE + " service in the container; bundles: " + container.bundleStates());
        }
        return new EngineService(service);
    }

    /** @return the problems of pipeline text, each as {@code Problem.toString()} */
    List<String> validate(String toml, String sourceName) {
        return problems(Reflective.call(engine, "validate", toml, sourceName));
    }

    /** @return each problem as a map of its fields (file, line, column, stage, key, message) */
    List<Map<String, Object>> problemFields(String toml, String sourceName) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object p : (List<?>) Reflective.call(Reflective.call(engine, "validate", toml, sourceName), "problems")) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String field : List.of("file", "line", "column", "stageId", "key", "message")) {
                m.put(field, Reflective.call(p, field));
            }
            out.add(m);
        }
        return out;
    }

    /** Runs a pipeline file to completion. */
    Outcome run(Path file) {
        return outcome(Reflective.call(engine, "run", file, Map.of()));
    }

    /** Starts a run in the background; the handle is the engine's {@code PipelineRun}. */
    Object start(Path file) {
        return Reflective.call(engine, "start", file, Map.of());
    }

    /** Cancels a run started by {@link #start} and waits for its outcome. */
    static Outcome cancelAndAwait(Object run, long seconds) {
        Reflective.call(run, "cancel");
        Object result = Reflective.call(run, "await", seconds, TimeUnit.SECONDS);
        if (result == null) {
            throw new AssertionError("the cancelled run did not end within " + seconds + " s");
        }
        return outcome(result);
    }

    private static Outcome outcome(Object result) {
        Map<String, StageCounts> stages = new LinkedHashMap<>();
        for (Object s : (List<?>) Reflective.call(result, "stages")) {
            stages.put((String) Reflective.call(s, "stageId"), new StageCounts(
                    ((Enum<?>) Reflective.call(s, "status")).name(),
                    (Long) Reflective.call(s, "recordsIn"), (Long) Reflective.call(s, "recordsOut"),
                    (Long) Reflective.call(s, "errors"), (Long) Reflective.call(s, "deadLettered"),
                    (Long) Reflective.call(s, "millis"), (String) Reflective.call(s, "error")));
        }
        return new Outcome(((Enum<?>) Reflective.call(result, "status")).name(), (String) Reflective.call(result, "error"),
                stages, problems(result));
    }

    private static List<String> problems(Object hasProblems) {
        List<String> out = new ArrayList<>();
        for (Object p : (List<?>) Reflective.call(hasProblems, "problems")) {
            out.add(p.toString());
        }
        return out;
    }
}
