package io.conveyor.plugin.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.testkit.RecordingStageContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every BSON type of the README's table: read → batch → written → read back → equal to the original. */
class TypeRoundTripTest {
    private static final ObjectId ID = new ObjectId("65a1f0c2e4b0a1b2c3d4e5f6");
    private static final ObjectId REF = new ObjectId("65a1f0c2e4b0a1b2c3d4e5f7");
    private static final long MILLIS = 1_700_000_000_123L;
    private static MongoFixture mongo;

    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    static BsonDocument everyType() {
        return new BsonDocument("_id", new BsonObjectId(ID))
                .append("s", new BsonString("text"))
                .append("i32", new BsonInt32(42))
                .append("i64", new BsonInt64(9_000_000_000L))
                .append("d", new BsonDouble(2.5))
                .append("dec", new BsonDecimal128(Decimal128.parse("1234.5600")))
                .append("dt", new BsonDateTime(MILLIS))
                .append("b", BsonBoolean.TRUE)
                .append("bin", new BsonBinary(new byte[] {0, 1, 2, (byte) 255}))
                .append("uuid", new BsonBinary(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .append("ts", new BsonTimestamp(1_700_000_000, 7))
                .append("re", new BsonRegularExpression("^a.*z$", "i"))
                .append("nested", new BsonDocument("ref", new BsonObjectId(REF))
                        .append("n32", new BsonInt32(-5))
                        .append("when", new BsonDateTime(MILLIS + 1))
                        .append("deeper", new BsonDocument("x", new BsonString("y"))))
                .append("arr", new BsonArray(List.of(new BsonInt64(1), new BsonString("two"),
                        new BsonDocument("three", new BsonDouble(3.0)), new BsonArray(List.of(BsonBoolean.FALSE)))));
    }

    private static Map<String, Object> sinkOptions(boolean writeNulls) {
        Map<String, Object> types = new LinkedHashMap<>();
        types.put("i32", "int32");
        types.put("dec", "decimal128");
        types.put("bin", "binary");
        types.put("uuid", "uuid");
        types.put("ts", "extended_json");
        types.put("re", "extended_json");
        types.put("nested.n32", "int32");
        return Map.of("bson_types", types, "object_id_fields", List.of("_id", "nested.ref"), "write_nulls", writeNulls);
    }

    private List<RecordBatch> roundTrip(String name, List<BsonDocument> originals, Map<String, Object> sinkOptions)
            throws Exception {
        mongo.insert(name + "_in", originals);
        MongoSourceFactory source = new MongoSourceFactory();
        List<RecordBatch> batches = MongoFixture.readAll(source,
                MongoFixture.config(source.descriptor(), mongo.options(name + "_in", Map.of()), null), MongoFixture.context());
        MongoSinkFactory sink = new MongoSinkFactory();
        RecordingStageContext sinkContext = MongoFixture.context();
        MongoFixture.writeAll(sink, MongoFixture.config(sink.descriptor(), mongo.options(name + "_out", sinkOptions), null),
                sinkContext, batches);
        assertEquals(List.of(), sinkContext.rejected());
        return batches;
    }

    @Test
    void everyTypeSurvivesSourceToSink() throws Exception {
        BsonDocument sparse = new BsonDocument("_id", new BsonObjectId(new ObjectId("65a1f0c2e4b0a1b2c3d4e5f8")))
                .append("s", new BsonString("only a string"));
        List<BsonDocument> originals = List.of(everyType(), sparse);

        List<RecordBatch> batches = roundTrip("every", originals, sinkOptions(false));

        assertEquals(originals, mongo.all("every_out"));
        RecordBatch batch = batches.get(0);
        Map<String, DataType> types = new LinkedHashMap<>();
        batch.schema().fields().forEach(f -> types.put(f.name(), f.type()));
        assertEquals(Map.ofEntries(Map.entry("_id", DataType.STRING), Map.entry("s", DataType.STRING),
                Map.entry("i32", DataType.LONG), Map.entry("i64", DataType.LONG), Map.entry("d", DataType.DOUBLE),
                Map.entry("dec", DataType.STRING), Map.entry("dt", DataType.TIMESTAMP), Map.entry("b", DataType.BOOL),
                Map.entry("bin", DataType.STRING), Map.entry("uuid", DataType.STRING), Map.entry("ts", DataType.STRING),
                Map.entry("re", DataType.STRING), Map.entry("nested", DataType.JSON), Map.entry("arr", DataType.JSON)), types);
        Map<String, Object> row = batch.row(0);
        assertEquals(ID.toHexString(), row.get("_id"));
        assertEquals("1234.5600", row.get("dec"));
        assertEquals(Instant.ofEpochMilli(MILLIS), row.get("dt"));
        assertEquals("AAEC/w==", row.get("bin"));
        assertEquals("123e4567-e89b-12d3-a456-426614174000", row.get("uuid"));
        assertEquals("{\"$timestamp\": {\"t\": 1700000000, \"i\": 7}}", row.get("ts"));
        assertEquals(Map.of("ref", REF.toHexString(), "n32", -5L, "when", Instant.ofEpochMilli(MILLIS + 1),
                "deeper", Map.of("x", "y")), row.get("nested"));
    }

    @Test
    void explicitNullSurvivesWithWriteNulls() throws Exception {
        List<BsonDocument> originals = List.of(new BsonDocument("_id", new BsonInt64(1)).append("gone", BsonNull.VALUE)
                .append("nested", new BsonDocument("also", BsonNull.VALUE)));

        roundTrip("nulls", originals, Map.of("write_nulls", true));

        assertEquals(originals, mongo.all("nulls_out"));
    }

    @Test
    void withoutHintsIntegersAreWrittenAsInt64AndDecimalsAsText() throws Exception {
        roundTrip("plain", List.of(everyType()), Map.of());

        BsonDocument written = mongo.all("plain_out").get(0);
        assertEquals(new BsonInt64(42), written.get("i32"));
        assertEquals(new BsonString("1234.5600"), written.get("dec"));
        assertEquals(new BsonObjectId(ID), written.get("_id"), "_id is in object_id_fields by default");
        assertEquals(new BsonString(REF.toHexString()), written.getDocument("nested").get("ref"));
    }

    @Test
    void decimalAsDoubleGivesTheNearestDouble() throws Exception {
        mongo.insert("dec_double", List.of(new BsonDocument("_id", new BsonInt32(1))
                .append("price", new BsonDecimal128(Decimal128.parse("0.1")))));
        MongoSourceFactory source = new MongoSourceFactory();
        List<RecordBatch> batches = MongoFixture.readAll(source, MongoFixture.config(source.descriptor(),
                mongo.options("dec_double", Map.of("decimal_as", "double")), null), MongoFixture.context());

        assertEquals(DataType.DOUBLE, batches.get(0).column("price").type());
        assertEquals(0.1, batches.get(0).column("price").getDouble(0));
    }
}
