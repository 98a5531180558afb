package io.conveyor.plugin.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageException;
import io.conveyor.testkit.RecordingStageContext;
import io.conveyor.testkit.TestStageConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoSinkFactoryTest {
    private static MongoFixture mongo;
    private final MongoSinkFactory factory = new MongoSinkFactory();

    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private TestStageConfig config(String collection, Map<String, Object> more) {
        return MongoFixture.config(factory.descriptor(), mongo.options(collection, more), null);
    }

    private static List<RecordBatch> records(int from, int to, int perBatch) {
        List<RecordBatch> batches = new ArrayList<>();
        RowBatcher batcher = new RowBatcher(perBatch);
        for (int i = from; i < to; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("_id", (long) i);
            row.put("name", "n" + i);
            RecordBatch b = batcher.add(row);
            if (b != null) {
                batches.add(b);
            }
        }
        RecordBatch last = batcher.finish();
        if (last != null) {
            batches.add(last);
        }
        return batches;
    }

    /** Counts the insert commands (and their documents) a client sends. */
    private static final class InsertCounter implements CommandListener {
        final List<Integer> documentsPerInsert = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("insert")) {
                documentsPerInsert.add(event.getCommand().getArray("documents").size());
            }
        }
    }

    @Test
    void insertsInBulkWritesOfBatchSize() throws Exception {
        InsertCounter counter = new InsertCounter();
        MongoSinkFactory observed = new MongoSinkFactory(b -> b.addCommandListener(counter));
        RecordingStageContext ctx = MongoFixture.context();
        // Input batches of 700 rows must be regrouped into writes of 1000.
        MongoFixture.writeAll(observed, MongoFixture.config(observed.descriptor(),
                mongo.options("batched", Map.of("batch_size", 1000L)), null), ctx, records(0, 2500, 700));

        assertEquals(List.of(1000, 1000, 500), counter.documentsPerInsert);
        assertEquals(2500, mongo.count("batched"));
        assertEquals(2500L, ctx.reports().get("inserted"));
        assertEquals(0L, ctx.reports().get("failed"));
        assertTrue(ctx.bytesWritten() > 2500 * 10L);
    }

    @Test
    void aColumnThatWidensFromLongToDoubleKeepsWritingInt64ForWholeNumbers() throws Exception {
        // Batch 1: n is long; batch 2: n is double (a fraction arrived). x is double throughout.
        List<RecordBatch> batches = List.of(
                RowBatcher.toBatch(List.of(row(1L, 1L, 1.0), row(2L, 2L, 2.0))),
                RowBatcher.toBatch(List.of(row(3L, 3.0, 3.0), row(4L, 4.5, 4.5))));
        MongoFixture.writeAll(factory, config("widened", Map.of()), MongoFixture.context(), batches);
        List<BsonDocument> docs = mongo.all("widened");
        assertEquals(new BsonInt64(3), docs.get(2).get("n"), "a whole number stays int64, as in the rows before");
        assertEquals(new BsonDouble(4.5), docs.get(3).get("n"));
        assertEquals(new BsonDouble(3.0), docs.get(2).get("x"), "doubles from the start stay doubles");
        assertEquals(new BsonInt64(1), docs.get(0).get("n"));
    }

    private static Map<String, Object> row(long id, Object n, Object x) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("_id", id);
        row.put("n", n);
        row.put("x", x);
        return row;
    }

    @Test
    void duplicateKeyGoesToTheDeadLetterQueueAndTheRestIsWritten() throws Exception {
        mongo.insert("dups", List.of(new BsonDocument("_id", new BsonInt64(3)).append("name", new BsonString("old"))));
        RecordingStageContext ctx = MongoFixture.context();
        MongoFixture.writeAll(factory, config("dups", Map.of("batch_size", 4L)), ctx, records(0, 10, 10));

        assertEquals(10, mongo.count("dups"));
        assertEquals(1, ctx.rejected().size());
        assertEquals(3L, ctx.rejected().get(0).record().get("_id"));
        assertEquals("n3", ctx.rejected().get(0).record().get("name"));
        String error = ctx.rejected().get(0).error();
        assertTrue(error.startsWith("MongoDB refused the document: ") && error.contains("duplicate key")
                && error.endsWith("(code 11000)"), error);
        assertEquals(9L, ctx.reports().get("inserted"));
        assertEquals(1L, ctx.reports().get("failed"));
        assertEquals("old", mongo.all("dups").get(3).getString("name").getValue(), "the existing document is kept");
    }

    @Test
    void upsertTwiceIsIdempotent() throws Exception {
        Map<String, Object> options = Map.of("mode", "upsert", "key", "_id", "batch_size", 3L);
        RecordingStageContext first = MongoFixture.context();
        MongoFixture.writeAll(factory, config("upserts", options), first, records(0, 8, 5));
        List<BsonDocument> afterFirst = mongo.all("upserts");
        RecordingStageContext second = MongoFixture.context();
        MongoFixture.writeAll(factory, config("upserts", options), second, records(0, 8, 5));

        assertEquals(8, afterFirst.size());
        assertEquals(afterFirst, mongo.all("upserts"));
        assertEquals(8L, first.reports().get("upserted"));
        assertEquals(0L, second.reports().get("upserted"));
        assertEquals(8L, second.reports().get("updated"));
        assertEquals(0, first.rejected().size() + second.rejected().size());
    }

    @Test
    void upsertOnANonIdKeyUpdatesTheMatchingDocument() throws Exception {
        mongo.insert("by_email", List.of(new BsonDocument("_id", new BsonString("a")).append("email", new BsonString("x@y"))
                .append("visits", new BsonInt64(1))));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("email", "x@y");
        row.put("visits", 2L);
        RecordingStageContext ctx = MongoFixture.context();
        MongoFixture.writeAll(factory, config("by_email", Map.of("mode", "upsert", "key", List.of("email"))), ctx,
                List.of(RowBatcher.toBatch(List.of(row))));

        List<BsonDocument> all = mongo.all("by_email");
        assertEquals(1, all.size());
        assertEquals(BsonDocument.parse("{\"_id\": \"a\", \"email\": \"x@y\", \"visits\": {\"$numberLong\": \"2\"}}"), all.get(0));
    }

    @Test
    void replaceSwapsTheWholeDocument() throws Exception {
        mongo.insert("replaced", List.of(new BsonDocument("_id", new BsonInt64(1)).append("name", new BsonString("old"))
                .append("extra", new BsonString("gone after replace"))));
        RecordingStageContext ctx = MongoFixture.context();
        MongoFixture.writeAll(factory, config("replaced", Map.of("mode", "replace", "key", "_id")), ctx, records(1, 3, 10));

        assertEquals(List.of(BsonDocument.parse("{\"_id\": {\"$numberLong\": \"1\"}, \"name\": \"n1\"}"),
                BsonDocument.parse("{\"_id\": {\"$numberLong\": \"2\"}, \"name\": \"n2\"}")), mongo.all("replaced"));
        assertEquals(1L, ctx.reports().get("updated"));
        assertEquals(1L, ctx.reports().get("upserted"));
    }

    @Test
    void recordWithoutItsKeyIsRejected() throws Exception {
        Map<String, Object> withKey = new LinkedHashMap<>();
        withKey.put("sku", "A1");
        withKey.put("qty", 1L);
        Map<String, Object> withoutKey = new LinkedHashMap<>();
        withoutKey.put("sku", null);
        withoutKey.put("qty", 2L);
        RecordingStageContext ctx = MongoFixture.context();
        MongoFixture.writeAll(factory, config("keyed", Map.of("mode", "upsert", "key", "sku")), ctx,
                List.of(RowBatcher.toBatch(List.of(withKey, withoutKey))));

        assertEquals(1, mongo.count("keyed"));
        assertEquals(1, ctx.rejected().size());
        assertEquals("key field 'sku' is missing or null; mode = \"upsert\" needs every key field to find the document",
                ctx.rejected().get(0).error());
    }

    @Test
    void valueThatCannotTakeItsDeclaredTypeIsRejected() throws Exception {
        Map<String, Object> good = new LinkedHashMap<>(Map.of("_id", 1L, "price", "12.50"));
        Map<String, Object> bad = new LinkedHashMap<>(Map.of("_id", 2L, "price", "twelve"));
        RecordingStageContext ctx = MongoFixture.context();
        MongoFixture.writeAll(factory, config("typed", Map.of("bson_types", Map.of("price", "decimal128"))), ctx,
                List.of(RowBatcher.toBatch(List.of(good, bad))));

        assertEquals(1, mongo.count("typed"));
        assertEquals("12.50", mongo.all("typed").get(0).getDecimal128("price").getValue().toString());
        assertEquals(1, ctx.rejected().size());
        assertTrue(ctx.rejected().get(0).error().startsWith("field 'price': cannot write 'twelve' as decimal128"),
                ctx.rejected().get(0).error());
    }

    @Test
    void abortDropsTheBufferAndSaysWhatStaysWritten() throws Exception {
        RecordingStageContext ctx = MongoFixture.context();
        TestStageConfig config = config("aborted", Map.of("batch_size", 2L));
        try (SinkWriter writer = factory.open(config, ctx)) {
            writer.write(records(0, 5, 5).get(0));
            writer.abort();
        }

        assertEquals(4, mongo.count("aborted"), "two full bulk writes went out; the fifth record was still buffered");
        assertEquals(4L, ctx.reports().get("inserted"));
        assertTrue(ctx.logs().contains("WARN run aborted: the 4 documents already written to conveyor_test.aborted stay "
                + "there (MongoDB writes cannot be taken back); mode = \"upsert\" or \"replace\" makes a re-run safe"),
                ctx.logs().toString());
    }

    @Test
    void upsertWithoutKeyIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("c", Map.of("mode", "upsert"))));
        assertEquals("pipeline.toml: stage 'mongo_stage', key 'mode': \"upsert\" needs key: the field(s) that identify "
                + "a document, e.g. key = \"_id\" or key = [\"tenant\", \"order_id\"]", e.getMessage());
    }

    @Test
    void keyWithInsertIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("c", Map.of("key", "_id"))));
        assertTrue(e.getMessage().endsWith("key 'key': is only used with mode = \"upsert\" or \"replace\"; set the mode "
                + "or remove key"), e.getMessage());
    }

    @Test
    void unknownBsonTypeIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("c", Map.of("bson_types", Map.of("price", "money")))));
        assertTrue(e.getMessage().contains("key 'bson_types': field 'price' has type 'money'; use one of object_id, "
                + "decimal128"), e.getMessage());
    }

    @Test
    void unacknowledgedWritesAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> factory.validate(MongoFixture.config(
                factory.descriptor(), Map.of("connection_string", mongo.uri() + "/?w=0", "database", "d",
                "collection", "c"), null)));
        assertTrue(e.getMessage().contains("key 'connection_string': asks for unacknowledged writes (w=0)"), e.getMessage());
    }

    @Test
    void writeConcernMajorityIsAppliedAndWrites() throws Exception {
        RecordingStageContext ctx = MongoFixture.context();
        MongoFixture.writeAll(factory, config("majority", Map.of("write_concern", "majority")), ctx, records(0, 5, 5));
        assertEquals(5, mongo.count("majority"));
    }

    @Test
    void unreachableServerFailsFastWithoutThePassword() throws Exception {
        TestStageConfig config = MongoFixture.config(factory.descriptor(), Map.of(
                "connection_string", "mongodb://writer:pa55word@127.0.0.1:1", "database", "d", "collection", "c",
                "server_selection_timeout_ms", 1500L), null);
        RecordingStageContext ctx = MongoFixture.context();
        long start = System.nanoTime();
        StageException e = assertThrows(StageException.class,
                () -> MongoFixture.writeAll(factory, config, ctx, records(0, 3, 3)));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs < 5000, "failed after " + elapsedMs + " ms");
        assertEquals("cannot reach MongoDB at 127.0.0.1:1 within 1500 ms (connection refused); check connection_string "
                + "and that the server is running", e.getMessage());
        assertTrue(e.isTransient());
        assertFalse(e.getMessage().contains("pa55word"));
    }
}
