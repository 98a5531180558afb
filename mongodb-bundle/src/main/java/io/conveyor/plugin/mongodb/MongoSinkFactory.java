package io.conveyor.plugin.mongodb;

import com.mongodb.MongoClientSettings;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.plugin.mongodb.client.CommonOptions;
import io.conveyor.plugin.mongodb.client.MongoConnection;
import io.conveyor.plugin.mongodb.sink.MongoSinkWriter;
import io.conveyor.plugin.mongodb.sink.SinkSettings;
import java.util.List;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/** The {@code plugin.mongodb} sink: unordered bulk inserts, upserts or replaces; refused documents go to the dead-letter queue. */
@Component(service = SinkFactory.class, property = {"conveyor.plugin=mongodb", "conveyor.stage.kind=sink",
        "conveyor.stage.name=mongodb"})
public final class MongoSinkFactory implements SinkFactory {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SINK, "mongodb")
            .description("Writes records to a MongoDB collection in unordered bulk writes; documents the server refuses "
                    + "go to the dead-letter queue with its message, the others are written.")
            .option(CommonOptions.CONNECTION_STRING, CommonOptions.DATABASE, CommonOptions.COLLECTION,
                    OptionSpec.integer("batch_size").defaultValue(CommonOptions.DEFAULT_BATCH_SIZE)
                            .describe("Records per bulk write (1 to 100000)"),
                    OptionSpec.string("mode").defaultValue("insert").allowed("insert", "upsert", "replace")
                            .describe("insert; upsert ($set the record's fields on the document matching key, insert "
                                    + "if none); replace (replace the document matching key, insert if none)"),
                    OptionSpec.of("key", OptionType.STRING_OR_ARRAY)
                            .describe("Field or fields identifying a document; required by upsert and replace"),
                    OptionSpec.string("write_concern").allowed("acknowledged", "majority", "journaled")
                            .describe("Write concern; default: the connection string's (acknowledged). w=0 is refused: "
                                    + "refused documents would be lost silently"),
                    OptionSpec.array("object_id_fields").defaultValue(List.of("_id"))
                            .describe("Fields (dotted paths) whose 24-hex-digit text is written as an ObjectId"),
                    OptionSpec.table("bson_types")
                            .describe("BSON type per field (dotted path): object_id, decimal128, binary, uuid, int32, "
                                    + "int64, double, date, string, extended_json"),
                    OptionSpec.bool("write_nulls").defaultValue(false)
                            .describe("Write null fields as BSON null; by default they are left out, as MongoDB "
                                    + "queries treat a missing field like null"),
                    CommonOptions.SERVER_SELECTION_TIMEOUT)
            .build();

    private final Consumer<MongoClientSettings.Builder> clientCustomizer;

    /** The factory as Declarative Services creates it. */
    public MongoSinkFactory() {
        this(b -> { });
    }

    /** @param clientCustomizer applied last to each client's settings; for tests (e.g. a command listener) */
    MongoSinkFactory(Consumer<MongoClientSettings.Builder> clientCustomizer) {
        this.clientCustomizer = clientCustomizer;
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        SinkSettings.read(config);
    }

    @Override
    public SinkWriter open(StageConfig config, StageContext context) throws ConfigException {
        SinkSettings settings = SinkSettings.read(config);
        MongoConnection connection = MongoConnection.open(settings.target(), config, context, clientCustomizer);
        return new MongoSinkWriter(settings, context, connection);
    }
}
