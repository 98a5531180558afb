package io.conveyor.engine.internal.config;

import java.util.List;
import java.util.Map;

/**
 * One {@code [[stages]]} entry as written, after the shape check: the fields that had the
 * right shape, null where they did not (the problem is already reported).
 *
 * @param index the stage's position among the stages, 0-based
 * @param path the entry's dotted document path, {@code stages[index]}
 * @param id the id as written (even if invalid), or null when missing or not a string
 * @param type the type, or null when missing or not a string
 * @param inputs the input ids with their paths, in order
 * @param config the raw {@code [stages.config]} values (empty when absent)
 * @param onError the stage's {@code on_error}, or null
 * @param timeoutSeconds the stage's {@code timeout_seconds}, 0 for none
 */
record StageDeclaration(int index, String path, String id, String type, List<LocatedString> inputs,
                        Map<String, Object> config, ErrorHandling.Strategy onError, long timeoutSeconds) {

    /** @return the input ids, in order */
    List<String> inputIds() {
        return inputs.stream().map(LocatedString::value).toList();
    }

    /** @return the document path of a config key ({@code stages[0].config.headers.Accept}) */
    String configPath(String key) {
        return path + ".config" + (key.isEmpty() ? "" : "." + key);
    }
}
