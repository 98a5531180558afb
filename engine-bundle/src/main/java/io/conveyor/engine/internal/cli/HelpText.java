package io.conveyor.engine.internal.cli;

/** The usage line, the help text and the version line of {@code conveyor}. */
public final class HelpText {
    /** One line naming every command, printed after a usage error. */
    public static final String USAGE =
            "usage: conveyor [run] FILE | validate FILE | plugins | stages | --version | --help  [options]";

    private HelpText() {
    }

    /**
     * @param engineVersion the engine's version, e.g. {@code 0.3.0}
     * @param apiVersion the plugin API version
     * @return {@code conveyor 0.3.0 (plugin API 0.3.0)}
     */
    public static String version(String engineVersion, String apiVersion) {
        return "conveyor " + engineVersion + " (plugin API " + apiVersion + ")";
    }

    /** @return the full help text */
    public static String help() {
        return USAGE + "\n"
                + "\n"
                + "Runs data pipelines declared in TOML files.\n"
                + "\n"
                + "Commands:\n"
                + "  run FILE            compile and run a pipeline (the default when the first argument is a file)\n"
                + "  validate FILE       compile a pipeline, plugins resolved and stage options checked; run nothing\n"
                + "  plugins             list available and loaded plugins\n"
                + "  stages              list every stage type (built-in and plugin) with its options\n"
                + "  --version, -V       print the version\n"
                + "  --help, -h          print this help\n"
                + "\n"
                + "Options:\n"
                + "  --plugin-dir DIR    look for plugin jars in DIR first (repeatable); then $CONVEYOR_PLUGIN_PATH,\n"
                + "                      then plugins/ next to conveyor.jar\n"
                + "  --log-level LEVEL   trace, debug, info, warn or error; overrides [global].log_level\n"
                + "  --var NAME=VALUE    set ${NAME} (repeatable); overrides [global.variables] and the environment\n"
                + "  --dry-run           run: compile and resolve plugins, run nothing\n"
                + "  --metrics-json FILE run: write the per-stage counters to FILE as JSON\n"
                + "  --quiet, -q         no run summary and no progress; only warnings and errors on stderr\n"
                + "  --progress          run: live progress display on stderr even when it is not a terminal\n"
                + "\n"
                + "Data written by sink.stdout is the only output on stdout; logs and the summary go to stderr.\n"
                + "Exit status: 0 success, 1 the pipeline failed, 2 invalid command line or pipeline file,\n"
                + "130 interrupted (Ctrl-C, SIGINT or SIGTERM).\n";
    }
}
