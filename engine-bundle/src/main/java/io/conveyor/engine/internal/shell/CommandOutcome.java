package io.conveyor.engine.internal.shell;

/**
 * The result of a shell command that changes something ({@code load}, {@code unload}):
 * whether it worked and a sentence saying what happened. Gogo prints {@link #toString()}.
 *
 * @param succeeded true when the command did what was asked
 * @param message what happened, or why not and what to do
 */
public record CommandOutcome(boolean succeeded, String message) {
    /** @param message what was done
     *  @return a success */
    public static CommandOutcome ok(String message) {
        return new CommandOutcome(true, message);
    }

    /** @param message why not
     *  @return a failure */
    public static CommandOutcome failed(String message) {
        return new CommandOutcome(false, message);
    }

    @Override
    public String toString() {
        return succeeded ? message : "error: " + message;
    }
}
