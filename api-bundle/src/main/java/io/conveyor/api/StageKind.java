package io.conveyor.api;

import java.util.Locale;

/** The three roles a stage can play in a pipeline graph. */
public enum StageKind {
    /** Reads data from outside; has no inputs. */
    SOURCE,
    /** Turns input batches into output batches. */
    TRANSFORM,
    /** Writes data to the outside; produces no output. */
    SINK;

    /** @return the lower-case name used in stage types and service properties ({@code source}, ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a lower-case kind name.
     *
     * @param id {@code source}, {@code transform} or {@code sink}
     * @return the kind, or {@code null} if the name is not one of the three
     */
    public static StageKind fromId(String id) {
        for (StageKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }
}
