package io.conveyor.api;

/**
 * A configuration problem with a stage option. Thrown by {@link StageConfig} getters and by
 * {@link StageFactory#validate}; the engine reports it with the file position of the key.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    /**
     * @param problem the positioned problem
     */
    public ConfigException(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    /**
     * An unpositioned problem; prefer {@link StageConfig#error(String, String)}.
     *
     * @param key the option
     * @param message what is wrong
     */
    public ConfigException(String key, String message) {
        this(new Problem(null, 0, 0, null, key, message, null));
    }

    /** @return the problem with whatever position is known */
    public Problem problem() {
        return problem;
    }
}
