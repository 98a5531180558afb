package io.conveyor.plugin.mongodb.sink;

/** How the sink writes each record (option {@code mode}). */
public enum WriteMode {
    /** Insert; a duplicate {@code _id} or unique key is rejected to the dead-letter queue. */
    INSERT,
    /** Update the document matching {@code key} with the record's fields ({@code $set}), inserting it if absent. */
    UPSERT,
    /** Replace the document matching {@code key} by the record, inserting it if absent. */
    REPLACE;

    /** @param option {@code insert}, {@code upsert} or {@code replace}
     *  @return the mode */
    public static WriteMode of(String option) {
        return switch (option) {
            case "upsert" -> UPSERT;
            case "replace" -> REPLACE;
            default -> INSERT;
        };
    }
}
