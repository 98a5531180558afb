package io.conveyor.engine.internal.exec;

/**
 * Thrown by an input stream when the stage feeding it failed or was skipped under the
 * {@code continue} strategy; the reading stage is then skipped, never fed partial data.
 */
final class UpstreamFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String upstreamId;

    UpstreamFailedException(String upstreamId) {
        super("upstream stage '" + upstreamId + "' did not finish", null, false, false);
        this.upstreamId = upstreamId;
    }

    String upstreamId() {
        return upstreamId;
    }
}
