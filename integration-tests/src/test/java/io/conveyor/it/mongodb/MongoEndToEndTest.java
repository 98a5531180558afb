package io.conveyor.it.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess;
import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec's two MongoDB pipelines run by the built {@code conveyor.jar} as a user runs
 * them ({@code java -jar conveyor.jar pipeline.toml}, the plugin loaded from inside the jar
 * because the pipeline names it), against mongo-java-server on 127.0.0.1 started by the
 * test: MongoDB source → transforms → JSON sink, and CSV → MongoDB sink. Then what a user
 * sees when the server is down (exit 1) and when the query is not JSON (exit 2).
 */
class MongoEndToEndTest {
    private static LoopbackMongo mongo;

    @TempDir
    Path dir;
    private ConveyorProcess conveyor;

    @BeforeAll
    static void startServer() {
        mongo = new LoopbackMongo();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void process() {
        conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
    }

    private static BsonDocument order(int id, String customer, String status, double amount) {
        return new BsonDocument("_id", new BsonInt32(id)).append("customer", new BsonString(customer))
                .append("status", new BsonString(status)).append("amount", new BsonDouble(amount))
                .append("note", new BsonString("internal " + id));
    }

    @Test
    void mongoSourceThroughTransformsToAJsonFile() throws Exception {
        mongo.insert("shop_orders", List.of(order(1, "Ada", "shipped", 250.0), order(2, "Bob", "pending", 900.0),
                order(3, "Chen", "shipped", 80.5), order(4, "Dana", "shipped", 120.25), order(5, "Eve", "cancelled", 300.0)));
        Files.writeString(dir.resolve("pipeline.toml"), """
                [pipeline]
                name = "shipped_orders"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "orders"
                type = "plugin.mongodb"
                inputs = []
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "shop_orders"
                query = { status = "shipped" }
                projection = '{ "note": 0 }'
                batch_size = 2

                [[stages]]
                id = "large"
                type = "transform.filter"
                inputs = ["orders"]
                [stages.config]
                column = "amount"
                operator = ">"
                value = 100

                [[stages]]
                id = "columns"
                type = "transform.select"
                inputs = ["large"]
                [stages.config]
                columns = ["_id", "customer", "amount"]

                [[stages]]
                id = "save"
                type = "sink.json"
                inputs = ["columns"]
                [stages.config]
                path = "out/shipped.json"
                """.formatted(mongo.uri()));

        Outcome o = conveyor.run("pipeline.toml");

        assertEquals(0, o.exit(), o::toString);
        assertEquals("", o.stdout());
        assertEquals("[{\"_id\":1,\"customer\":\"Ada\",\"amount\":250.0},{\"_id\":4,\"customer\":\"Dana\",\"amount\":120.25}]",
                Files.readString(dir.resolve("out/shipped.json")).strip());
        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("orders\\s+succeeded\\s+0\\s+3\\s.*")), o::toString);
        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("large\\s+succeeded\\s+3\\s+2\\s.*")), o::toString);
        assertTrue(o.stderr().contains("read 3 documents from it.shop_orders; last _id = 4 (set cursor_value to it to resume)"),
                o::toString);
        assertTrue(o.stderr().contains("Pipeline 'shipped_orders' succeeded in "), o::toString);
        assertEquals(List.of(), conveyor.leftInTmp());
    }

    @Test
    void csvIntoAMongoSink() throws Exception {
        Files.writeString(dir.resolve("customers.csv"), """
                _id,name,country,vip
                c1,Ada,UK,true
                c2,"Smith, Jane",US,false
                c3,Chen,CN,true
                """);
        Files.writeString(dir.resolve("pipeline.toml"), """
                [pipeline]
                name = "load_customers"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "customers"
                type = "source.csv"
                inputs = []
                [stages.config]
                path = "customers.csv"

                [[stages]]
                id = "store"
                type = "plugin.mongodb"
                inputs = ["customers"]
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "customers"
                batch_size = 2
                """.formatted(mongo.uri()));

        Outcome o = conveyor.run("pipeline.toml");

        assertEquals(0, o.exit(), o::toString);
        assertEquals(List.of(BsonDocument.parse("{_id: 'c1', name: 'Ada', country: 'UK', vip: true}"),
                BsonDocument.parse("{_id: 'c2', name: 'Smith, Jane', country: 'US', vip: false}"),
                BsonDocument.parse("{_id: 'c3', name: 'Chen', country: 'CN', vip: true}")), mongo.all("customers"));
        assertEquals(List.of(2, 1), mongo.insertSizes("customers"));
        assertTrue(o.stderr().contains("wrote to it.customers: 3 inserted, 0 upserted, 0 updated, 0 failed"), o::toString);
        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("store\\s+succeeded\\s+3\\s+3\\s.*")), o::toString);
    }

    @Test
    void aServerThatIsDownExits1WithTheReasonAndNoPassword() throws Exception {
        int port = LoopbackMongo.closedPort();
        String password = "pa55-e2e-secret";
        Files.writeString(dir.resolve("rows.csv"), "_id,name\n1,a\n");
        Files.writeString(dir.resolve("pipeline.toml"), """
                [pipeline]
                name = "down"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "rows"
                type = "source.csv"
                [stages.config]
                path = "rows.csv"

                [[stages]]
                id = "store"
                type = "plugin.mongodb"
                inputs = ["rows"]
                [stages.config]
                connection_string = "mongodb://writer:${MONGO_PASSWORD}@127.0.0.1:%d/?authSource=admin"
                database = "it"
                collection = "rows"
                server_selection_timeout_ms = 1000
                """.formatted(port));

        long start = System.nanoTime();
        Outcome o = conveyor.env("MONGO_PASSWORD", password).run("pipeline.toml");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(1, o.exit(), o::toString);
        assertEquals("", o.stdout());
        assertTrue(o.stderr().contains("cannot reach MongoDB at 127.0.0.1:" + port + " within 1000 ms (connection refused); "
                + "check connection_string and that the server is running"), o::toString);
        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("store\\s+failed\\s.*")), o::toString);
        assertTrue(o.stderr().contains("Pipeline 'down' failed after "), o::toString);
        assertFalse(o.stderr().contains(password), o::toString);
        assertFalse(o.stderr().contains("\tat "), () -> "no stack trace:\n" + o);
        assertFalse(o.stderr().contains("Exception"), () -> "no exception class names:\n" + o);
        // JVM and framework start-up included; the run itself waits 1 s for the server.
        assertTrue(elapsedMs < 12_000, "exited after " + elapsedMs + " ms");
        assertEquals(List.of(), conveyor.leftInTmp());
    }

    @Test
    void anInvalidQueryFailsValidationWithItsPosition() throws Exception {
        Files.writeString(dir.resolve("pipeline.toml"), """
                [pipeline]
                name = "bad_query"

                [global]
                plugins = ["mongodb"]

                [[stages]]
                id = "events"
                type = "plugin.mongodb"
                inputs = []
                [stages.config]
                connection_string = "%s"
                database = "it"
                collection = "events_e2e"
                query = '{"status": }'

                [[stages]]
                id = "print"
                type = "sink.stdout"
                inputs = ["events"]
                """.formatted(mongo.uri()));

        Outcome o = conveyor.run("validate", "pipeline.toml");

        assertEquals(2, o.exit(), o::toString);
        assertEquals("", o.stdout());
        List<String> problems = o.stderr().lines().filter(l -> l.startsWith("pipeline.toml")).toList();
        assertEquals(List.of("pipeline.toml:15:1: stage 'events', key 'config.query': is not valid JSON: JSON reader was expecting "
                + "a value but found '}'. (near character 12)"), problems, o::toString);
        assertTrue(o.stderr().contains("1 problem found in pipeline.toml"), o::toString);
        assertFalse(o.stderr().contains("\tat "), o::toString);
        assertEquals(List.of(), mongo.commands("find", "events_e2e"), "validate reads nothing");
    }
}
