package io.conveyor.plugin.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.testkit.RecordingStageContext;
import io.conveyor.testkit.TestStageConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.types.ObjectId;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoSourceFactoryTest {
    private static final int LARGE = 100_000;
    private static MongoFixture mongo;
    private final MongoSourceFactory factory = new MongoSourceFactory();

    @BeforeAll
    static void start() {
        mongo = new MongoFixture();
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            docs.add(new BsonDocument("_id", new BsonInt64(i)).append("n", new BsonInt32(i % 7)));
        }
        mongo.insert("large", docs);
        List<BsonDocument> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add(new BsonDocument("_id", new BsonInt32(i))
                    .append("name", new BsonString("p" + i))
                    .append("status", new BsonString(i % 2 == 0 ? "active" : "idle"))
                    .append("age", new BsonInt32(20 + i))
                    .append("secret", new BsonString("s" + i)));
        }
        mongo.insert("people", people);
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    private TestStageConfig config(String collection, Map<String, Object> more) {
        return MongoFixture.config(factory.descriptor(), mongo.options(collection, more), null);
    }

    private static List<Map<String, Object>> rows(List<RecordBatch> batches) {
        List<Map<String, Object>> rows = new ArrayList<>();
        batches.forEach(b -> rows.addAll(b.rows()));
        return rows;
    }

    @Test
    void reads100kDocumentsInPagesWithoutDuplicates() throws Exception {
        RecordingStageContext ctx = MongoFixture.context();
        List<RecordBatch> batches = MongoFixture.readAll(factory, config("large", Map.of("batch_size", 4096L)), ctx);

        long total = 0;
        Set<Object> ids = new HashSet<>();
        for (RecordBatch b : batches) {
            assertTrue(b.rowCount() <= 4096, "a batch holds at most batch_size rows: " + b.rowCount());
            total += b.rowCount();
            for (int r = 0; r < b.rowCount(); r++) {
                ids.add(b.column("_id").get(r));
            }
        }
        assertEquals(LARGE, total);
        assertEquals(LARGE, ids.size(), "no document read twice");
        assertEquals(25, batches.size(), "100000 / 4096 rounded up");
        assertEquals((long) LARGE - 1, ctx.reports().get("last_cursor_value"));
        assertEquals((long) LARGE, ctx.reports().get("documents_read"));
        assertTrue(ctx.bytesRead() > LARGE * 10L, "bytes read are counted");
    }

    @Test
    void resumesAfterCursorValue() throws Exception {
        RecordingStageContext ctx = MongoFixture.context();
        List<Map<String, Object>> rows = rows(MongoFixture.readAll(factory,
                config("large", Map.of("cursor_value", 99_989L, "batch_size", 4L)), ctx));

        assertEquals(10, rows.size());
        assertEquals(99_990L, rows.get(0).get("_id"));
        assertEquals(99_999L, rows.get(9).get("_id"));
        assertEquals(99_999L, ctx.reports().get("last_cursor_value"));
    }

    @Test
    void resumingFromTheReportedValueReadsTheRest() throws Exception {
        RecordingStageContext first = MongoFixture.context();
        List<Map<String, Object>> part1 = rows(MongoFixture.readAll(factory,
                config("people", Map.of("limit", 20L, "batch_size", 6L)), first));
        Object resume = first.reports().get("last_cursor_value");
        RecordingStageContext second = MongoFixture.context();
        List<Map<String, Object>> part2 = rows(MongoFixture.readAll(factory,
                config("people", Map.of("cursor_value", resume, "batch_size", 6L)), second));

        assertEquals(20, part1.size());
        assertEquals(30, part2.size());
        assertEquals(20L, part2.get(0).get("_id"));
    }

    @Test
    void limitStopsReading() throws Exception {
        RecordingStageContext ctx = MongoFixture.context();
        List<RecordBatch> batches = MongoFixture.readAll(factory, config("large", Map.of("limit", 2500L, "batch_size", 1000L)), ctx);

        assertEquals(List.of(1000, 1000, 500), batches.stream().map(RecordBatch::rowCount).toList());
        assertEquals(2499L, ctx.reports().get("last_cursor_value"));
    }

    @Test
    void queryAsJsonText() throws Exception {
        List<Map<String, Object>> rows = rows(MongoFixture.readAll(factory,
                config("people", Map.of("query", "{\"status\": \"active\", \"age\": {\"$gte\": 60}}", "batch_size", 3L)),
                MongoFixture.context()));

        assertEquals(List.of(40L, 42L, 44L, 46L, 48L), rows.stream().map(r -> r.get("_id")).toList());
    }

    @Test
    void queryAsTomlTable() throws Exception {
        Map<String, Object> query = Map.of("status", "idle", "age", Map.of("$lt", 26L));
        List<Map<String, Object>> rows = rows(MongoFixture.readAll(factory,
                config("people", Map.of("query", query)), MongoFixture.context()));

        assertEquals(List.of(1L, 3L, 5L), rows.stream().map(r -> r.get("_id")).toList());
    }

    @Test
    void inclusionProjectionReturnsOnlyTheNamedFields() throws Exception {
        List<Map<String, Object>> rows = rows(MongoFixture.readAll(factory,
                config("people", Map.of("projection", "{\"name\": 1}", "limit", 2L)), MongoFixture.context()));

        assertEquals(List.of(Map.of("_id", 0L, "name", "p0"), Map.of("_id", 1L, "name", "p1")), rows);
    }

    @Test
    void projectionExcludingTheCursorFieldStillPagesAndHidesIt() throws Exception {
        RecordingStageContext ctx = MongoFixture.context();
        List<Map<String, Object>> rows = rows(MongoFixture.readAll(factory,
                config("people", Map.of("projection", Map.of("_id", 0L, "name", 1L), "batch_size", 7L)), ctx));

        assertEquals(50, rows.size());
        assertEquals(Map.of("name", "p0"), rows.get(0));
        assertEquals(Map.of("name", "p49"), rows.get(49));
        assertEquals(49L, ctx.reports().get("last_cursor_value"));
    }

    @Test
    void exclusionProjectionDropsTheField() throws Exception {
        List<Map<String, Object>> rows = rows(MongoFixture.readAll(factory,
                config("people", Map.of("projection", "{\"secret\": 0}", "limit", 1L)), MongoFixture.context()));

        assertEquals(Map.of("_id", 0L, "name", "p0", "status", "active", "age", 20L), rows.get(0));
    }

    @Test
    void nonUniqueCursorFieldLosesNoDocumentAtPageBoundaries() throws Exception {
        // n takes 7 values over 100000 documents: pages of 1000 cut through runs of equal values.
        Set<Object> ids = new HashSet<>();
        RecordingStageContext ctx = MongoFixture.context();
        for (RecordBatch b : MongoFixture.readAll(factory,
                config("large", Map.of("cursor_field", "n", "query", "{\"_id\": {\"$lt\": 3000}}")), ctx)) {
            for (int r = 0; r < b.rowCount(); r++) {
                assertTrue(ids.add(b.column("_id").get(r)), "read twice: " + b.column("_id").get(r));
            }
        }
        assertEquals(3000, ids.size());
        assertEquals(6L, ctx.reports().get("last_cursor_value"));
    }

    @Test
    void cursorValuesOfMixedTypesAreAllRead() throws Exception {
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)));
            docs.add(new BsonDocument("_id", new BsonString("s" + i)));
        }
        for (int i = 0; i < 4; i++) {
            docs.add(new BsonDocument("_id", new BsonObjectId(new ObjectId())));
        }
        docs.add(new BsonDocument("_id", new BsonDateTime(1_000)));
        docs.add(new BsonDocument("_id", new BsonDateTime(2_000)));
        mongo.insert("mixed", docs);

        RecordingStageContext ctx = MongoFixture.context();
        List<Map<String, Object>> all = rows(MongoFixture.readAll(factory, config("mixed", Map.of("batch_size", 3L)), ctx));
        List<Map<String, Object>> resumed = rows(MongoFixture.readAll(factory,
                config("mixed", Map.of("batch_size", 3L, "cursor_value", 3L)), MongoFixture.context()));

        assertEquals(16, all.size());
        assertEquals(16, new HashSet<>(all).size());
        assertEquals(java.time.Instant.ofEpochMilli(2_000), ctx.reports().get("last_cursor_value"));
        assertEquals(13, resumed.size(), "4, 5, then every string, ObjectId and date");
        assertEquals(4L, resumed.get(0).get("_id"));
    }

    @Test
    void invalidQueryIsAConfigErrorWithThePosition() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("people", Map.of("query", "{\"status\": }"))));
        assertEquals("pipeline.toml: stage 'mongo_stage', key 'query': is not valid JSON: JSON reader was expecting "
                + "a value but found '}'. (near character 12)", e.getMessage());
    }

    @Test
    void queryThatIsNotAnObjectIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("people", Map.of("query", "[{\"a\": 1}]"))));
        assertTrue(e.getMessage().contains("key 'query': must be a JSON object such as '{\"status\": \"active\"}', "
                + "but it starts with '[{\"a\": 1}]'"), e.getMessage());
    }

    @Test
    void trailingTextAfterTheQueryIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("people", Map.of("query", "{\"a\": 1} {\"b\": 2}"))));
        assertTrue(e.getMessage().contains("key 'query': has text after the closing '}'"), e.getMessage());
    }

    @Test
    void emptyQueryIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("people", Map.of("query", "  "))));
        assertTrue(e.getMessage().contains("key 'query': is empty; write '{}' to match every document"), e.getMessage());
    }

    @Test
    void invalidProjectionIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> factory.validate(config("people", Map.of("projection", "{name: 1,,}"))));
        assertTrue(e.getMessage().startsWith("pipeline.toml: stage 'mongo_stage', key 'projection': is not valid JSON"),
                e.getMessage());
    }

    @Test
    void databaseNameMongoDbWouldRefuseIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> factory.validate(MongoFixture.config(
                factory.descriptor(), Map.of("connection_string", mongo.uri(), "database", "sales.eu", "collection", "c"),
                null)));
        assertEquals("pipeline.toml: stage 'mongo_stage', key 'database': 'sales.eu' is not a valid database name: "
                + "databaseName does not contain '.'", e.getMessage());
    }

    @Test
    void malformedConnectionStringIsAConfigErrorWithoutThePassword() {
        ConfigException e = assertThrows(ConfigException.class, () -> factory.validate(MongoFixture.config(
                factory.descriptor(), Map.of("connection_string", "mongodb://admin:hunter2@127.0.0.1:notaport",
                "database", "d", "collection", "c"), null)));
        assertTrue(e.getMessage().contains("key 'connection_string': is not a valid MongoDB connection string"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void unreachableServerFailsFastNamingHostAndPortButNotThePassword() throws Exception {
        TestStageConfig config = MongoFixture.config(factory.descriptor(), Map.of(
                "connection_string", "mongodb://reader:s3cr3t-pw@127.0.0.1:1/?authSource=admin",
                "database", "d", "collection", "c", "server_selection_timeout_ms", 2000L), "s3cr3t-pw");
        RecordingStageContext ctx = MongoFixture.context();
        long start = System.nanoTime();
        StageException e = assertThrows(StageException.class, () -> MongoFixture.readAll(factory, config, ctx));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs < 5000, "failed after " + elapsedMs + " ms");
        assertEquals("cannot reach MongoDB at 127.0.0.1:1 within 2000 ms (connection refused); check "
                + "connection_string and that the server is running", e.getMessage());
        assertTrue(e.isTransient(), "an unreachable server is worth retrying");
        assertFalse(String.join("\n", ctx.logs()).contains("s3cr3t-pw"));
    }

    @Test
    void serverLostMidReadIsATransientFailure() throws Exception {
        MongoFixture doomed = new MongoFixture();
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            docs.add(new BsonDocument("_id", new BsonInt32(i)));
        }
        doomed.insert("c", docs);
        TestStageConfig config = MongoFixture.config(factory.descriptor(),
                doomed.options("c", Map.of("batch_size", 10L, "server_selection_timeout_ms", 1000L)), null);
        try (BatchStream stream = factory.open(config, MongoFixture.context())) {
            assertEquals(10, stream.next().rowCount());
            doomed.close();
            StageException e = assertThrows(StageException.class, stream::next);
            assertTrue(e.isTransient(), e.getMessage());
            assertTrue(e.getMessage().contains("127.0.0.1:"), e.getMessage());
        }
    }

    @Test
    void cursorFieldMissingInAFullPageIsAClearError() throws Exception {
        mongo.insert("sparse", List.of(
                new BsonDocument("_id", new BsonInt32(1)), new BsonDocument("_id", new BsonInt32(2)),
                new BsonDocument("_id", new BsonInt32(3)).append("t", new BsonInt32(1))));
        StageException e = assertThrows(StageException.class, () -> MongoFixture.readAll(factory,
                config("sparse", Map.of("cursor_field", "t", "batch_size", 2L)), MongoFixture.context()));
        assertTrue(e.getMessage().startsWith("cannot page through conveyor_test.sparse on cursor_field 't': a document "
                + "(after 2 read) has no value there"), e.getMessage());
    }
}
