package io.conveyor.plugin.mongodb.sink;

import com.mongodb.WriteConcern;
import io.conveyor.api.ConfigException;
import io.conveyor.api.StageConfig;
import io.conveyor.plugin.mongodb.bson.PlainToBson;
import io.conveyor.plugin.mongodb.bson.TargetType;
import io.conveyor.plugin.mongodb.client.CommonOptions;
import io.conveyor.plugin.mongodb.client.ConnectionTarget;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The MongoDB sink's options, read and checked once: {@code validate} and {@code open} both
 * go through {@link #read}.
 *
 * @param target where to connect
 * @param database database name
 * @param collection collection name
 * @param batchSize records per unordered bulk write
 * @param mode insert, upsert or replace
 * @param key the fields identifying a document for upsert and replace (empty for insert)
 * @param writeConcern the write concern, or null for the connection string's (acknowledged by default)
 * @param converter how records become documents
 */
public record SinkSettings(ConnectionTarget target, String database, String collection, int batchSize, WriteMode mode,
                           List<String> key, WriteConcern writeConcern, PlainToBson converter) {

    /**
     * @param config the stage configuration
     * @return the settings
     * @throws ConfigException naming the first offending key
     */
    public static SinkSettings read(StageConfig config) throws ConfigException {
        ConnectionTarget target = CommonOptions.target(config);
        String database = CommonOptions.database(config);
        String collection = CommonOptions.collection(config);
        int batchSize = CommonOptions.batchSize(config);
        String modeText = config.getString("mode", "insert");
        WriteMode mode = WriteMode.of(modeText);
        List<String> key = config.getStringList("key");
        if (mode == WriteMode.INSERT && !key.isEmpty()) {
            throw config.error("key", "is only used with mode = \"upsert\" or \"replace\"; set the mode or remove key");
        }
        if (mode != WriteMode.INSERT && key.isEmpty()) {
            throw config.error("mode", "\"" + modeText + "\" needs key: the field(s) that identify a document, "
                    + "e.g. key = \"_id\" or key = [\"tenant\", \"order_id\"]");
        }
        for (String k : key) {
            if (k.isBlank() || k.startsWith("$")) {
                throw config.error("key", "'" + k + "' is not a field name");
            }
        }
        WriteConcern writeConcern = writeConcern(config, target);
        Map<String, TargetType> types = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.getTable("bson_types").entrySet()) {
            TargetType t = e.getValue() instanceof String s ? TargetType.fromId(s) : null;
            if (t == null) {
                throw config.error("bson_types", "field '" + e.getKey() + "' has type '" + e.getValue()
                        + "'; use one of " + TargetType.ids());
            }
            types.put(e.getKey(), t);
        }
        List<String> objectIdFields = config.has("object_id_fields") ? config.getStringList("object_id_fields") : List.of("_id");
        PlainToBson converter = new PlainToBson(new LinkedHashSet<>(objectIdFields), types, config.getBool("write_nulls", false));
        return new SinkSettings(target, database, collection, batchSize, mode, List.copyOf(key), writeConcern, converter);
    }

    private static WriteConcern writeConcern(StageConfig config, ConnectionTarget target) throws ConfigException {
        WriteConcern fromUri = target.connectionString().getWriteConcern();
        if (fromUri != null && !fromUri.isAcknowledged()) {
            throw config.error("connection_string", "asks for unacknowledged writes (w=0): rejected documents could not "
                    + "reach the dead-letter queue and would be lost silently; remove w=0");
        }
        if (!config.has("write_concern")) {
            return null;
        }
        return switch (config.getString("write_concern")) {
            case "majority" -> WriteConcern.MAJORITY;
            case "journaled" -> WriteConcern.JOURNALED;
            default -> WriteConcern.ACKNOWLEDGED;
        };
    }

    /** @return {@code database.collection}, for messages */
    public String namespace() {
        return database + "." + collection;
    }
}
