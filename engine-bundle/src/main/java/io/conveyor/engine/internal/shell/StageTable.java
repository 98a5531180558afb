package io.conveyor.engine.internal.shell;

/**
 * What {@code conveyor:stages} returns: every stage type with its options, as the command
 * line's {@code conveyor stages} prints it.
 *
 * @param listing the formatted listing
 */
public record StageTable(String listing) {
    @Override
    public String toString() {
        return listing.stripTrailing();
    }
}
