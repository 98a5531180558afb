package io.conveyor.plugin.mongodb.client;

import com.mongodb.ConnectionString;
import com.mongodb.MongoNamespace;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageConfig;

/**
 * The options the MongoDB source and sink share (where to connect and what to read or
 * write), and how they are read: the connection string is parsed with the driver's own
 * parser so a typo is a compile-time error, never a run-time surprise.
 */
public final class CommonOptions {
    /** Default for {@code server_selection_timeout_ms}: long enough for a slow start, short enough to fail fast. */
    public static final long DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 5000;
    /** Default for {@code batch_size}. */
    public static final long DEFAULT_BATCH_SIZE = 1000;

    /** {@code connection_string}. */
    public static final OptionSpec CONNECTION_STRING = OptionSpec.string("connection_string").required()
            .describe("MongoDB connection URI, e.g. mongodb://user:${MONGO_PASSWORD}@host:27017/?authSource=admin; "
                    + "the password is masked in every message");
    /** {@code database}. */
    public static final OptionSpec DATABASE = OptionSpec.string("database").required().describe("Database name");
    /** {@code collection}. */
    public static final OptionSpec COLLECTION = OptionSpec.string("collection").required().describe("Collection name");
    /** {@code server_selection_timeout_ms}. */
    public static final OptionSpec SERVER_SELECTION_TIMEOUT = OptionSpec.integer("server_selection_timeout_ms")
            .defaultValue(DEFAULT_SERVER_SELECTION_TIMEOUT_MS)
            .describe("How long to wait for a reachable server before failing (transient, so the retry strategy applies); "
                    + "serverSelectionTimeoutMS in the connection string is used when this option is not set");

    private CommonOptions() {
    }

    /**
     * @param config the stage configuration
     * @return where to connect
     * @throws ConfigException if the connection string does not parse or the timeout is not positive
     */
    public static ConnectionTarget target(StageConfig config) throws ConfigException {
        String text = config.getString(CONNECTION_STRING.name());
        ConnectionString cs;
        try {
            cs = new ConnectionString(text);
        } catch (IllegalArgumentException e) {
            throw config.error(CONNECTION_STRING.name(), config.mask("is not a valid MongoDB connection string: "
                    + e.getMessage() + "; expected mongodb://[user:password@]host[:port][/database][?options] "
                    + "or mongodb+srv://…"));
        }
        long timeout;
        if (!config.has(SERVER_SELECTION_TIMEOUT.name()) && cs.getServerSelectionTimeout() != null) {
            timeout = cs.getServerSelectionTimeout();
        } else {
            timeout = config.getLong(SERVER_SELECTION_TIMEOUT.name(), DEFAULT_SERVER_SELECTION_TIMEOUT_MS);
        }
        if (timeout < 1) {
            throw config.error(SERVER_SELECTION_TIMEOUT.name(), "must be at least 1 (milliseconds), got " + timeout);
        }
        return new ConnectionTarget(cs, timeout);
    }

    /**
     * @param config the stage configuration
     * @return the database name
     * @throws ConfigException if MongoDB would refuse it (empty, or holding one of {@code /\\. "$})
     */
    public static String database(StageConfig config) throws ConfigException {
        String name = config.getString(DATABASE.name());
        try {
            MongoNamespace.checkDatabaseNameValidity(name);
        } catch (IllegalArgumentException e) {
            throw config.error(DATABASE.name(), "'" + name + "' is not a valid database name: "
                    + e.getMessage().replace("state should be: ", ""));
        }
        return name;
    }

    /**
     * @param config the stage configuration
     * @return the collection name
     * @throws ConfigException if it is empty
     */
    public static String collection(StageConfig config) throws ConfigException {
        String name = config.getString(COLLECTION.name());
        if (name.isEmpty()) {
            throw config.error(COLLECTION.name(), "must not be empty");
        }
        return name;
    }

    /**
     * @param config the stage configuration
     * @return {@code batch_size}, checked to be at least 1
     * @throws ConfigException if it is not
     */
    public static int batchSize(StageConfig config) throws ConfigException {
        long n = config.getLong("batch_size", DEFAULT_BATCH_SIZE);
        if (n < 1 || n > 100_000) {
            throw config.error("batch_size", "must be between 1 and 100000, got " + n);
        }
        return (int) n;
    }
}
