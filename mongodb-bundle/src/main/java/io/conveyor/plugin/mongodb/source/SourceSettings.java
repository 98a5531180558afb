package io.conveyor.plugin.mongodb.source;

import io.conveyor.api.ConfigException;
import io.conveyor.api.StageConfig;
import io.conveyor.plugin.mongodb.bson.CursorValues;
import io.conveyor.plugin.mongodb.bson.DecimalMapping;
import io.conveyor.plugin.mongodb.bson.JsonDocumentOption;
import io.conveyor.plugin.mongodb.client.CommonOptions;
import io.conveyor.plugin.mongodb.client.ConnectionTarget;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The MongoDB source's options, read and checked once: {@code validate} and {@code open}
 * both go through {@link #read}, so what compiles is exactly what runs.
 *
 * @param target where to connect
 * @param database database name
 * @param collection collection name
 * @param query the filter ({@code {}} when absent)
 * @param projection the projection, or null
 * @param cursorField the field pages are sorted and continued on
 * @param cursorValue the value to continue after, or null to start at the beginning
 * @param batchSize documents per page and per batch
 * @param limit most documents to read, 0 for no limit
 * @param decimals how Decimal128 is mapped
 */
public record SourceSettings(ConnectionTarget target, String database, String collection, BsonDocument query,
                             BsonDocument projection, String cursorField, BsonValue cursorValue, int batchSize,
                             long limit, DecimalMapping decimals) {

    /**
     * @param config the stage configuration
     * @return the settings
     * @throws ConfigException naming the first offending key
     */
    public static SourceSettings read(StageConfig config) throws ConfigException {
        ConnectionTarget target = CommonOptions.target(config);
        String database = CommonOptions.database(config);
        String collection = CommonOptions.collection(config);
        BsonDocument query = config.has("query") ? document(config, "query") : new BsonDocument();
        BsonDocument projection = config.has("projection") ? document(config, "projection") : null;
        String cursorField = config.getString("cursor_field", "_id");
        if (cursorField.isBlank() || cursorField.startsWith("$") || cursorField.startsWith(".") || cursorField.endsWith(".")) {
            throw config.error("cursor_field", "'" + cursorField + "' is not a field path; use a field name such as "
                    + "\"_id\" or \"created_at\"");
        }
        BsonValue cursorValue = null;
        if (config.has("cursor_value")) {
            try {
                cursorValue = CursorValues.fromOption(config.get("cursor_value"));
            } catch (RuntimeException e) {
                throw config.error("cursor_value", config.mask("cannot be used as a cursor: " + e.getMessage()
                        + "; give the last_cursor_value a previous run reported"));
            }
        }
        int batchSize = CommonOptions.batchSize(config);
        long limit = config.getLong("limit", 0);
        if (limit < 0) {
            throw config.error("limit", "must be 0 (no limit) or more, got " + limit);
        }
        DecimalMapping decimals = DecimalMapping.of(config.getString("decimal_as", "string"));
        return new SourceSettings(target, database, collection, query, projection, cursorField, cursorValue, batchSize,
                limit, decimals);
    }

    private static BsonDocument document(StageConfig config, String key) throws ConfigException {
        try {
            return JsonDocumentOption.parse(config.get(key));
        } catch (JsonDocumentOption.InvalidDocumentException e) {
            throw config.error(key, config.mask(e.getMessage()));
        }
    }

    /** @return {@code database.collection}, for messages */
    public String namespace() {
        return database + "." + collection;
    }
}
