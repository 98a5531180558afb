package io.conveyor.plugin.mongodb;

import com.mongodb.MongoClientSettings;
import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.plugin.mongodb.client.CommonOptions;
import io.conveyor.plugin.mongodb.client.MongoConnection;
import io.conveyor.plugin.mongodb.source.MongoBatchStream;
import io.conveyor.plugin.mongodb.source.SourceSettings;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/** The {@code plugin.mongodb} source: reads a collection in pages of {@code batch_size}, resumable on a cursor field. */
@Component(service = SourceFactory.class, property = {"conveyor.plugin=mongodb", "conveyor.stage.kind=source",
        "conveyor.stage.name=mongodb"})
public final class MongoSourceFactory implements SourceFactory {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SOURCE, "mongodb")
            .description("Reads documents from a MongoDB collection in pages sorted on cursor_field, streaming with "
                    + "backpressure; reports last_cursor_value so a later run can resume with cursor_value.")
            .option(CommonOptions.CONNECTION_STRING, CommonOptions.DATABASE, CommonOptions.COLLECTION,
                    OptionSpec.of("query", OptionType.STRING_OR_TABLE)
                            .describe("Filter as JSON text (MongoDB extended JSON) or a TOML table; invalid JSON is a "
                                    + "compile error. Default: every document"),
                    OptionSpec.of("projection", OptionType.STRING_OR_TABLE)
                            .describe("Fields to return, as JSON text or a TOML table, e.g. {\"name\": 1}"),
                    OptionSpec.string("cursor_field").defaultValue("_id")
                            .describe("Field the pages are sorted and continued on; ties are broken by _id"),
                    OptionSpec.of("cursor_value", OptionType.ANY)
                            .describe("Start after this cursor value (the last_cursor_value of a previous run); "
                                    + "24 hex digits are an ObjectId, text starting with '{' or '\"' is extended JSON"),
                    OptionSpec.integer("batch_size").defaultValue(CommonOptions.DEFAULT_BATCH_SIZE)
                            .describe("Documents per page and per batch (1 to 100000)"),
                    OptionSpec.integer("limit").describe("Most documents to read in total; absent or 0 for all"),
                    OptionSpec.string("decimal_as").defaultValue("string").allowed("string", "double")
                            .describe("Decimal128 as exact text (lossless) or as the nearest double"),
                    CommonOptions.SERVER_SELECTION_TIMEOUT)
            .build();

    private final Consumer<MongoClientSettings.Builder> clientCustomizer;

    /** The factory as Declarative Services creates it. */
    public MongoSourceFactory() {
        this(b -> { });
    }

    /** @param clientCustomizer applied last to each client's settings; for tests (e.g. a command listener) */
    MongoSourceFactory(Consumer<MongoClientSettings.Builder> clientCustomizer) {
        this.clientCustomizer = clientCustomizer;
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        SourceSettings.read(config);
    }

    @Override
    public BatchStream open(StageConfig config, StageContext context) throws ConfigException {
        SourceSettings settings = SourceSettings.read(config);
        MongoConnection connection = MongoConnection.open(settings.target(), config, context, clientCustomizer);
        return new MongoBatchStream(settings, context, connection);
    }
}
