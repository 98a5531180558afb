package io.conveyor.plugin.http.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** Reads records one at a time from a body as it arrives. */
public interface RecordReader extends Closeable {
    /**
     * @return the next record, or null at the end of the body
     * @throws BodyFormatException if the body is malformed here
     * @throws IOException if reading the body fails
     */
    Map<String, Object> next() throws BodyFormatException, IOException;

    /** @return the next-page URL found in the body (see {@code next_url_field}), or null */
    default String nextUrl() {
        return null;
    }
}
