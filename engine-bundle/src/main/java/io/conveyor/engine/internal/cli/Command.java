package io.conveyor.engine.internal.cli;

import java.util.Locale;

/** The commands of {@code conveyor}; {@link #RUN} is the default when the first argument is a file. */
public enum Command {
    /** Compile and run a pipeline file. */
    RUN,
    /** Compile a pipeline file, plugins resolved, without running it. */
    VALIDATE,
    /** List the plugins that are available and loaded. */
    PLUGINS,
    /** List every stage type with its options. */
    STAGES,
    /** Print the version. */
    VERSION,
    /** Print the help text. */
    HELP;

    /** @return the name typed on the command line */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return true if the command takes a pipeline file */
    public boolean takesFile() {
        return this == RUN || this == VALIDATE;
    }
}
