package io.conveyor.it.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import io.conveyor.engine.internal.config.PipelineCompiler;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.stages.BuiltinStages;
import io.conveyor.it.support.ItPaths;
import io.conveyor.it.support.PluginTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * The mongodb plugin through the real runtime, in this JVM: a Felix framework with SCR, the
 * plugin manager loading the product's {@code plugins/mongodb} folder (the plugin bundle and
 * the driver, bson, driver-core, reactive-streams, reactor-core and slf4j bundles), and
 * pipelines compiled by {@link PipelineCompiler} and run by {@link PipelineExecutor} against
 * mongo-java-server on 127.0.0.1. One framework serves the whole class, as one host process
 * serves many runs.
 */
class MongoPipelinesInFelixTest {
    private static PluginTestBed bed;
    private static LoopbackMongo mongo;

    @BeforeAll
    static void start() throws Exception {
        mongo = new LoopbackMongo();
        bed = PluginTestBed.start();
        bed.manager().setPluginDirs(List.of(ItPaths.realPlugins()));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            bed.close();
        } finally {
            mongo.close();
        }
    }

    /** A pipeline run in its own directory, which holds its inputs and outputs. */
    private record Run(Path dir, RunResult result) {
        String file(String name) throws IOException {
            return Files.readString(dir.resolve(name));
        }

        StageResult stage(String id) {
            return result.stage(id);
        }
    }

    /** @return a fresh directory for one pipeline's files */
    private static Path workDir() throws IOException {
        return ItPaths.newWorkDir("mongo");
    }

    /**
     * Compiles and runs {@code pipeline.toml} written into {@code dir}.
     *
     * @param environment what {@code ${NAME}} reads besides {@code [global.variables]}
     */
    private static Run run(Path dir, String toml, Map<String, String> environment) throws Exception {
        Path file = dir.resolve("pipeline.toml");
        Files.writeString(file, toml);
        PipelineCompiler compiler = new PipelineCompiler(BuiltinStages.standard(), bed.manager(), environment);
        RunResult result = new PipelineExecutor(bed.manager(), bed.log().log())
                .run(compiler.compile(file, Map.of()), new RunControl());
        return new Run(dir, result);
    }

    private static Run run(Path dir, String toml) throws Exception {
        return run(dir, toml, Map.of());
    }

    private static void assertSucceeded(Run run) {
        assertEquals(RunStatus.SUCCEEDED, run.result().status(), () -> run.result() + "\n" + run.result().stages()
                + "\n" + String.join("\n", bed.log().lines()));
    }

    private static BsonDocument person(int id, String name, String city, int age, String role) {
        return new BsonDocument("_id", new BsonInt32(id)).append("name", new BsonString(name))
                .append("city", new BsonString(city)).append("age", new BsonInt32(age)).append("role", new BsonString(role));
    }

    @Test
    void theRealPluginAndDriverBundlesRunInFelix() throws Exception {
        assertNull(bed.manager().load("mongodb"));
        for (String name : List.of("io.conveyor.plugin.mongodb", "org.mongodb.driver-reactivestreams",
                "org.mongodb.driver-core", "org.mongodb.bson", "reactive-streams",
                "io.projectreactor.reactor-core", "org.apache.felix.scr")) {
            Bundle b = bed.felix().bundle(name);
            assertTrue(b != null && b.getState() == Bundle.ACTIVE, () -> name + " is not active: " + bed.felix().bundleNames());
        }
        assertNull(bed.felix().bundle("io.conveyor.plugin.http"), "a plugin no pipeline named is not installed");
    }

    @Test
    void sourceWithQueryAndProjectionFeedsTransformsAndAJsonSink() throws Exception {
        mongo.insert("people", List.of(person(1, "Ada", "London", 36, "eng"), person(2, "Grace", "New York", 45, "navy"),
                person(3, "Linus", "Helsinki", 21, "eng"), person(4, "Alan", "Manchester", 41, "eng"),
                person(5, "Edsger", "Austin", 72, "prof")));
        Path dir = workDir();

        Run run = run(dir, """
                [pipeline]
                name = "people_report"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "engineers"
                type = "plugin.mongodb"
                inputs = []
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "people"
                query = '{ "role": "eng" }'
                projection = { name = 1, city = 1, age = 1 }
                batch_size = 2

                [[stages]]
                id = "raw"
                type = "sink.json"
                inputs = ["engineers"]
                [stages.config]
                path = "raw.jsonl"
                format = "jsonl"

                [[stages]]
                id = "senior"
                type = "transform.filter"
                inputs = ["engineers"]
                [stages.config]
                column = "age"
                operator = ">="
                value = 30

                [[stages]]
                id = "names"
                type = "transform.select"
                inputs = ["senior"]
                [stages.config]
                columns = ["name", "city"]

                [[stages]]
                id = "report"
                type = "sink.json"
                inputs = ["names"]
                [stages.config]
                path = "out/report.json"
                """.formatted(mongo.uri()));

        assertSucceeded(run);
        assertEquals("""
                {"_id":1,"name":"Ada","city":"London","age":36}
                {"_id":3,"name":"Linus","city":"Helsinki","age":21}
                {"_id":4,"name":"Alan","city":"Manchester","age":41}
                """, run.file("raw.jsonl"), "the query and the projection ran; role is not there");
        assertEquals("[{\"name\":\"Ada\",\"city\":\"London\"},{\"name\":\"Alan\",\"city\":\"Manchester\"}]",
                run.file("out/report.json").strip());
        assertEquals(3, run.stage("engineers").recordsOut());
        assertEquals(2, run.stage("senior").recordsOut());
        assertEquals(3L, run.stage("engineers").reports().get("documents_read"));
        assertEquals(4L, run.stage("engineers").reports().get("last_cursor_value"));
        int returned = mongo.commands("find", "people").stream().mapToInt(LoopbackMongo.Command::returned).sum();
        assertEquals(3, returned, "the query is evaluated by the server, which sent only the three engineers");
    }

    @Test
    void csvRowsBecomeDocumentsInInsertBatchesOfBatchSize() throws Exception {
        Path dir = workDir();
        Files.writeString(dir.resolve("orders.csv"), """
                _id,customer,amount,paid
                1001,"Smith, Jane",12.5,true
                1002,Bob,7.25,false
                1003,Chen,100.0,true
                1004,Dana,0.5,false
                1005,Eve,3.75,true
                """);

        Run run = run(dir, """
                [pipeline]
                name = "load_orders"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "orders"
                type = "source.csv"
                [stages.config]
                path = "orders.csv"

                [[stages]]
                id = "store"
                type = "plugin.mongodb"
                inputs = ["orders"]
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "orders"
                batch_size = 2
                """.formatted(mongo.uri()));

        assertSucceeded(run);
        assertEquals(List.of(
                BsonDocument.parse("{_id: {$numberLong: '1001'}, customer: 'Smith, Jane', amount: 12.5, paid: true}"),
                BsonDocument.parse("{_id: {$numberLong: '1002'}, customer: 'Bob', amount: 7.25, paid: false}"),
                BsonDocument.parse("{_id: {$numberLong: '1003'}, customer: 'Chen', amount: 100.0, paid: true}"),
                BsonDocument.parse("{_id: {$numberLong: '1004'}, customer: 'Dana', amount: 0.5, paid: false}"),
                BsonDocument.parse("{_id: {$numberLong: '1005'}, customer: 'Eve', amount: 3.75, paid: true}")),
                mongo.all("orders"));
        assertEquals(List.of(2, 2, 1), mongo.insertSizes("orders"), "three bulk writes reached the server");
        assertEquals(5, run.stage("store").recordsIn());
        assertEquals(Map.of("inserted", 5L, "upserted", 0L, "updated", 0L, "failed", 0L), run.stage("store").reports());
    }

    @Test
    void aDuplicateIdLandsInTheDeadLetterFileWhileTheRestIsWritten() throws Exception {
        Path dir = workDir();
        Files.writeString(dir.resolve("items.csv"), """
                _id,name
                1,first
                2,second
                2,second again
                3,third
                """);

        Run run = run(dir, """
                [pipeline]
                name = "load_items"

                [global]
                plugins = ["mongodb"]

                [error_handling]
                strategy = "stop"
                [error_handling.dead_letter_queue]
                enabled = true
                path = "errors/rejected.jsonl"

                [[stages]]
                id = "items"
                type = "source.csv"
                [stages.config]
                path = "items.csv"

                [[stages]]
                id = "store"
                type = "plugin.mongodb"
                inputs = ["items"]
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "items"
                """.formatted(mongo.uri()));

        assertSucceeded(run);
        assertEquals(List.of(BsonDocument.parse("{_id: {$numberLong: '1'}, name: 'first'}"),
                BsonDocument.parse("{_id: {$numberLong: '2'}, name: 'second'}"),
                BsonDocument.parse("{_id: {$numberLong: '3'}, name: 'third'}")), mongo.all("items"));
        List<String> rejected = Files.readAllLines(dir.resolve("errors/rejected.jsonl"));
        assertEquals(1, rejected.size(), rejected::toString);
        String prefix = "{\"record\":{\"_id\":2,\"name\":\"second again\"},\"error\":\"MongoDB refused the document: "
                + "E11000 duplicate key error collection: it.items index: _id_ dup key: { _id: 2 } (code 11000)\","
                + "\"stage_id\":\"store\",\"timestamp\":\"";
        assertTrue(rejected.get(0).startsWith(prefix) && rejected.get(0).endsWith("Z\"}"), rejected.get(0));
        assertEquals(1, run.stage("store").deadLettered());
        assertEquals(4, run.stage("store").recordsIn());
        assertEquals(List.of(4), mongo.insertSizes("items"), "one unordered bulk write carried all four");
        assertEquals(3L, run.stage("store").reports().get("inserted"));
        assertEquals(1L, run.stage("store").reports().get("failed"));
    }

    @Test
    void anUpsertPipelineRunTwiceLeavesTheSameDocuments() throws Exception {
        Path dir = workDir();
        Files.writeString(dir.resolve("stock.csv"), """
                sku,qty,warehouse
                A-1,10,north
                B-2,0,south
                C-3,7,north
                """);
        String toml = """
                [pipeline]
                name = "sync_stock"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "stock"
                type = "source.csv"
                [stages.config]
                path = "stock.csv"

                [[stages]]
                id = "store"
                type = "plugin.mongodb"
                inputs = ["stock"]
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "stock"
                mode = "upsert"
                key = "sku"
                batch_size = 2
                """.formatted(mongo.uri());

        Run first = run(dir, toml);
        assertSucceeded(first);
        List<BsonDocument> afterFirst = mongo.all("stock");
        Run second = run(dir, toml);
        assertSucceeded(second);

        assertEquals(3, afterFirst.size());
        assertEquals(afterFirst, mongo.all("stock"), "the second run changed nothing");
        List<String> skus = afterFirst.stream().map(d -> d.getString("sku").getValue()).sorted().toList();
        assertEquals(List.of("A-1", "B-2", "C-3"), skus);
        assertEquals(Map.of("inserted", 0L, "upserted", 3L, "updated", 0L, "failed", 0L), first.stage("store").reports());
        assertEquals(Map.of("inserted", 0L, "upserted", 0L, "updated", 3L, "failed", 0L), second.stage("store").reports());
        assertEquals(List.of(), mongo.commands("insert", "stock"), "upserts are updates, never inserts");
        assertEquals(List.of(2, 1, 2, 1), mongo.commands("update", "stock").stream().map(LoopbackMongo.Command::sent).toList());
    }

    @Test
    void aHundredThousandDocumentsAreReadInPagesExactlyOnce() throws Exception {
        int total = 100_000;
        List<BsonDocument> docs = new ArrayList<>(total);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < total; i++) {
            ObjectId id = new ObjectId();
            ids.add(id.toHexString());
            docs.add(new BsonDocument("_id", new BsonObjectId(id)).append("seq", new BsonInt32(i)));
        }
        mongo.insert("big", docs);
        String lastId = docs.stream().map(d -> d.getObjectId("_id").getValue()).max(ObjectId::compareTo)
                .orElseThrow().toHexString();
        Path dir = workDir();

        Run run = run(dir, """
                [pipeline]
                name = "export_big"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "big"
                type = "plugin.mongodb"
                inputs = []
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "big"
                batch_size = 5000

                [[stages]]
                id = "export"
                type = "sink.csv"
                inputs = ["big"]
                [stages.config]
                path = "big.csv"
                """.formatted(mongo.uri()));

        assertSucceeded(run);
        List<String> lines = Files.readAllLines(dir.resolve("big.csv"));
        assertEquals("_id,seq", lines.get(0));
        assertEquals(total, lines.size() - 1, "one line per document");
        Set<String> written = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            written.add(line.substring(0, line.indexOf(',')));
        }
        assertEquals(total, written.size(), "no id twice");
        assertEquals(ids, written, "exactly the documents of the collection");
        assertEquals((long) total, run.stage("big").recordsOut());
        assertEquals((long) total, run.stage("big").reports().get("documents_read"));
        assertEquals(lastId, run.stage("big").reports().get("last_cursor_value"));

        List<LoopbackMongo.Command> reads = new ArrayList<>(mongo.commands("find", "big"));
        reads.addAll(mongo.commands("getMore", "big"));
        assertEquals(total, reads.stream().mapToInt(LoopbackMongo.Command::returned).sum(),
                "the server sent each document once");
        assertEquals(total / 5000, reads.stream().filter(c -> c.returned() == 5000).count(), "pages of batch_size");
        assertTrue(reads.stream().allMatch(c -> c.returned() <= 5000), "no page larger than batch_size");
    }

    @Test
    void limitStopsEarlyAndCursorValueResumesAfterTheReportedValue() throws Exception {
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            docs.add(new BsonDocument("_id", new BsonInt64(i)).append("event", new BsonString("e" + i)));
        }
        mongo.insert("events", docs);
        String toml = """
                [pipeline]
                name = "events"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "events"
                type = "plugin.mongodb"
                inputs = []
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "events"
                batch_size = 3
                %s

                [[stages]]
                id = "out"
                type = "sink.json"
                inputs = ["events"]
                [stages.config]
                path = "events.jsonl"
                format = "jsonl"
                """;

        Run first = run(workDir(), toml.formatted(mongo.uri(), "limit = 4"));
        assertSucceeded(first);
        assertEquals("""
                {"_id":1,"event":"e1"}
                {"_id":2,"event":"e2"}
                {"_id":3,"event":"e3"}
                {"_id":4,"event":"e4"}
                """, first.file("events.jsonl"));
        Object resumeAt = first.stage("events").reports().get("last_cursor_value");
        assertEquals(4L, resumeAt);
        assertEquals(4L, first.stage("events").reports().get("documents_read"));

        Run resumed = run(workDir(), toml.formatted(mongo.uri(), "cursor_value = " + resumeAt));
        assertSucceeded(resumed);
        assertEquals("""
                {"_id":5,"event":"e5"}
                {"_id":6,"event":"e6"}
                {"_id":7,"event":"e7"}
                {"_id":8,"event":"e8"}
                {"_id":9,"event":"e9"}
                {"_id":10,"event":"e10"}
                """, resumed.file("events.jsonl"));
        assertEquals(10L, resumed.stage("events").reports().get("last_cursor_value"));

        Run nothingNew = run(workDir(), toml.formatted(mongo.uri(), "cursor_value = 10"));
        assertSucceeded(nothingNew);
        assertEquals(0, nothingNew.stage("events").recordsOut());
        assertEquals(0L, nothingNew.stage("events").reports().get("documents_read"));
    }

    /** One document holding every BSON type of the plugin README's table. */
    private static BsonDocument everyType() {
        long millis = 1_700_000_000_123L;
        return new BsonDocument("_id", new BsonObjectId(new ObjectId("65a1f0c2e4b0a1b2c3d4e5f6")))
                .append("text", new BsonString("naïve, \"quoted\""))
                .append("small", new BsonInt32(42))
                .append("big", new BsonInt64(9_000_000_000L))
                .append("ratio", new BsonDouble(0.25))
                .append("price", new BsonDecimal128(Decimal128.parse("1234.5600")))
                .append("at", new BsonDateTime(millis))
                .append("ok", BsonBoolean.TRUE)
                .append("blob", new BsonBinary(new byte[] {0, 1, 2, (byte) 255}))
                .append("uuid", new BsonBinary(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")))
                .append("ts", new BsonTimestamp(1_700_000_000, 7))
                .append("pattern", new BsonRegularExpression("^a.*z$", "i"))
                .append("ref", new BsonDocument("owner", new BsonObjectId(new ObjectId("65a1f0c2e4b0a1b2c3d4e5f7")))
                        .append("rank", new BsonInt32(-5))
                        .append("seen", new BsonDateTime(millis + 1)))
                .append("tags", new BsonArray(List.of(new BsonInt64(1), new BsonString("two"),
                        new BsonDocument("three", new BsonDouble(3.5)))));
    }

    @Test
    void everyBsonTypeOfTheTableSurvivesSourceToSinkThroughAPipeline() throws Exception {
        BsonDocument sparse = new BsonDocument("_id", new BsonObjectId(new ObjectId("65a1f0c2e4b0a1b2c3d4e5f8")))
                .append("text", new BsonString("only text"));
        mongo.insert("types_in", List.of(everyType(), sparse));
        Path dir = workDir();

        Run run = run(dir, """
                [pipeline]
                name = "copy_types"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "read"
                type = "plugin.mongodb"
                inputs = []
                [stages.config]
                connection_string = "%1$s"
                database = "it"
                collection = "types_in"

                [[stages]]
                id = "seen"
                type = "sink.json"
                inputs = ["read"]
                [stages.config]
                path = "seen.jsonl"
                format = "jsonl"

                [[stages]]
                id = "write"
                type = "plugin.mongodb"
                inputs = ["read"]
                [stages.config]
                connection_string = "%1$s"
                database = "it"
                collection = "types_out"
                object_id_fields = ["_id", "ref.owner"]
                [stages.config.bson_types]
                small = "int32"
                price = "decimal128"
                blob = "binary"
                uuid = "uuid"
                ts = "extended_json"
                pattern = "extended_json"
                "ref.rank" = "int32"
                """.formatted(mongo.uri()));

        assertSucceeded(run);
        assertEquals(List.of(everyType(), sparse), mongo.all("types_out"), "every value with its BSON type");
        assertEquals(0, run.stage("write").deadLettered());
        List<String> seen = Files.readAllLines(dir.resolve("seen.jsonl"));
        assertEquals("{\"_id\":\"65a1f0c2e4b0a1b2c3d4e5f6\",\"text\":\"naïve, \\\"quoted\\\"\",\"small\":42,"
                + "\"big\":9000000000,\"ratio\":0.25,\"price\":\"1234.5600\",\"at\":\"2023-11-14T22:13:20.123Z\","
                + "\"ok\":true,\"blob\":\"AAEC/w==\",\"uuid\":\"123e4567-e89b-12d3-a456-426614174000\","
                + "\"ts\":\"{\\\"$timestamp\\\": {\\\"t\\\": 1700000000, \\\"i\\\": 7}}\","
                + "\"pattern\":\"{\\\"$regularExpression\\\": {\\\"pattern\\\": \\\"^a.*z$\\\", \\\"options\\\": \\\"i\\\"}}\","
                + "\"ref\":{\"owner\":\"65a1f0c2e4b0a1b2c3d4e5f7\",\"rank\":-5,\"seen\":\"2023-11-14T22:13:20.124Z\"},"
                + "\"tags\":[1,\"two\",{\"three\":3.5}]}", seen.get(0), "the data model's view of each type");
    }

    @Test
    void anUnreachableServerFailsTheRunInTimeWithoutThePassword() throws Exception {
        String password = "s3cr3t-" + UUID.randomUUID();
        int port = LoopbackMongo.closedPort();
        Path dir = workDir();
        long start = System.nanoTime();

        Run run = run(dir, """
                [pipeline]
                name = "unreachable"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "events"
                type = "plugin.mongodb"
                inputs = []
                [stages.config]
                connection_string = "mongodb://reader:${MONGO_PASSWORD}@127.0.0.1:%d/?authSource=admin"
                database = "it"
                collection = "events"
                server_selection_timeout_ms = 1500

                [[stages]]
                id = "out"
                type = "sink.json"
                inputs = ["events"]
                [stages.config]
                path = "events.json"
                """.formatted(port), Map.of("MONGO_PASSWORD", password));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        String expected = "cannot reach MongoDB at 127.0.0.1:" + port + " within 1500 ms (connection refused); "
                + "check connection_string and that the server is running";
        assertEquals(RunStatus.FAILED, run.result().status(), run.result()::toString);
        assertEquals(StageStatus.FAILED, run.stage("events").status());
        assertEquals(expected, run.stage("events").error());
        assertTrue(run.result().error().contains(expected), run.result().error());
        assertTrue(elapsedMs >= 1500 && elapsedMs < 1500 + 3000, "failed after " + elapsedMs + " ms");
        assertFalse(Files.exists(dir.resolve("events.json")), "no output from a failed run");
        List<String> leaking = new ArrayList<>(bed.log().lines().stream().filter(l -> l.contains(password)).toList());
        for (StageResult s : run.result().stages()) {
            if (s.error() != null && s.error().contains(password)) {
                leaking.add(s.error());
            }
        }
        if (run.result().error().contains(password)) {
            leaking.add(run.result().error());
        }
        assertEquals(List.of(), leaking, "the password appears nowhere");
        assertTrue(bed.log().lines().stream().anyMatch(l -> l.contains(expected)), "the log says why");
    }
}
