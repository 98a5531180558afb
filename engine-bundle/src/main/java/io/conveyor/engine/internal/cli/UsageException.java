package io.conveyor.engine.internal.cli;

/** The command line is wrong; the message says what and how to fix it (exit status 2). */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean showUsage;

    /**
     * @param message what is wrong, without the {@code conveyor: } prefix
     * @param showUsage true to print the usage line after it
     */
    public UsageException(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    /** @param message what is wrong; the usage line follows it */
    public UsageException(String message) {
        this(message, true);
    }

    /** @return true if the usage line should follow the message */
    public boolean showUsage() {
        return showUsage;
    }
}
