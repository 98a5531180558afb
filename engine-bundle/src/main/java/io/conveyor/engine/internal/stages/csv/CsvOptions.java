package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.ConfigException;
import io.conveyor.api.StageConfig;

/** Option checks shared by the CSV source and sink. */
final class CsvOptions {
    private CsvOptions() {
    }

    /**
     * @param config the stage config
     * @param key a one-character option
     * @param fallback its default
     * @return the character
     * @throws ConfigException if the value is not exactly one character
     */
    static char singleChar(StageConfig config, String key, String fallback) throws ConfigException {
        String s = config.getString(key, fallback);
        if ("\\t".equals(s)) {
            return '\t';
        }
        if (s.length() != 1 || s.charAt(0) == '\n' || s.charAt(0) == '\r') {
            throw config.error(key, "must be one character (use \"\\t\" for tab); found \"" + s + "\"");
        }
        return s.charAt(0);
    }
}
