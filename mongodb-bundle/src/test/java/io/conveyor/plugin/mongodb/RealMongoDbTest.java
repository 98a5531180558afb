package io.conveyor.plugin.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.conveyor.api.RecordBatch;
import io.conveyor.testkit.RecordingStageContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The source → sink round trip and the dead-letter path against a real MongoDB, when
 * {@code CONVEYOR_TEST_MONGODB_URI} names one (e.g. {@code mongodb://127.0.0.1:27017}).
 * Without it the test is reported as skipped, with the reason.
 */
class RealMongoDbTest {
    private static final String URI_VARIABLE = "CONVEYOR_TEST_MONGODB_URI";

    @Test
    void roundTripAndDeadLetterOnARealServer() throws Exception {
        String uri = System.getenv(URI_VARIABLE);
        assumeTrue(uri != null && !uri.isBlank(), URI_VARIABLE + " is not set: skipped the run against a real MongoDB "
                + "(the other tests use mongo-java-server)");
        String suffix = new ObjectId().toHexString();
        try (MongoFixture mongo = new MongoFixture(uri)) {
            String in = "conveyor_in_" + suffix;
            String out = "conveyor_out_" + suffix;
            try {
                List<BsonDocument> originals = new ArrayList<>();
                originals.add(TypeRoundTripTest.everyType());
                for (int i = 0; i < 25; i++) {
                    originals.add(new BsonDocument("_id", new BsonObjectId()).append("i", new BsonInt32(i))
                            .append("s", new BsonString("x" + i)));
                }
                mongo.insert(in, originals);
                mongo.insert(out, List.of(originals.get(3)));
                MongoSourceFactory source = new MongoSourceFactory();
                List<RecordBatch> batches = MongoFixture.readAll(source, MongoFixture.config(source.descriptor(),
                        mongo.options(in, Map.of("batch_size", 10L)), null), MongoFixture.context());
                MongoSinkFactory sink = new MongoSinkFactory();
                Map<String, Object> types = Map.of("i32", "int32", "i", "int32", "dec", "decimal128", "bin", "binary",
                        "uuid", "uuid", "ts", "extended_json", "re", "extended_json", "nested.n32", "int32");
                RecordingStageContext sinkContext = MongoFixture.context();
                MongoFixture.writeAll(sink, MongoFixture.config(sink.descriptor(), mongo.options(out, Map.of(
                        "bson_types", types, "object_id_fields", List.of("_id", "nested.ref"), "batch_size", 7L)), null),
                        sinkContext, batches);

                assertEquals(1, sinkContext.rejected().size(), "the document already present is a duplicate key");
                assertEquals(originals.size(), mongo.count(out));
                assertEquals(mongo.all(in), mongo.all(out));
            } finally {
                mongo.drop(in);
                mongo.drop(out);
            }
        }
    }
}
