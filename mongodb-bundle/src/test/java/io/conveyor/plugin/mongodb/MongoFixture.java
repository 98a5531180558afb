package io.conveyor.plugin.mongodb;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageDescriptor;
import io.conveyor.testkit.RecordingStageContext;
import io.conveyor.testkit.TestStageConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in memory) on 127.0.0.1 with a separate
 * client to prepare and inspect collections, plus helpers that drive a source or sink
 * through its factory as the engine would.
 */
public final class MongoFixture implements AutoCloseable {
    /** Database the tests use. */
    public static final String DB = "conveyor_test";

    private final MongoServer server;
    private final String uri;
    private final MongoClient client;

    /** Starts a server on a free loopback port. */
    public MongoFixture() {
        this(null);
    }

    /** @param uri an existing server to use instead of starting one, or null */
    public MongoFixture(String uri) {
        if (uri == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            this.uri = "mongodb://127.0.0.1:" + address.getPort();
        } else {
            server = null;
            this.uri = uri;
        }
        client = MongoClients.create(this.uri);
    }

    /** @return the connection string of the server */
    public String uri() {
        return uri;
    }

    /** @param name collection name
     *  @return it, for documents as BsonDocument */
    public MongoCollection<BsonDocument> collection(String name) {
        return client.getDatabase(DB).getCollection(name, BsonDocument.class);
    }

    /** @param name collection name
     *  @param docs documents to insert */
    public void insert(String name, List<BsonDocument> docs) {
        for (int from = 0; from < docs.size(); from += 10_000) {
            Mono.from(collection(name).insertMany(docs.subList(from, Math.min(docs.size(), from + 10_000)))).block();
        }
    }

    /** @param name collection name
     *  @return every document, sorted by _id */
    public List<BsonDocument> all(String name) {
        return Flux.from(collection(name).find().sort(new BsonDocument("_id", new BsonInt32(1)))).collectList().block();
    }

    /** @param name collection name
     *  @return the number of documents */
    public long count(String name) {
        return Mono.from(collection(name).countDocuments()).block();
    }

    /** @param name collection name to drop */
    public void drop(String name) {
        Mono.from(collection(name).drop()).block();
    }

    /**
     * @param collection the collection the stage reads or writes
     * @param more further options (they override the defaults set here)
     * @return connection_string, database, collection and the further options
     */
    public Map<String, Object> options(String collection, Map<String, Object> more) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("connection_string", uri);
        m.put("database", DB);
        m.put("collection", collection);
        m.putAll(more);
        return m;
    }

    /**
     * A config as the engine would hand it to a factory of stage {@code mongo_stage}.
     *
     * @param descriptor the factory's descriptor
     * @param values the options
     * @param secret a value to mask as if it came from the environment, or null
     * @return the config
     */
    public static TestStageConfig config(StageDescriptor descriptor, Map<String, ?> values, String secret) {
        return TestStageConfig.of(descriptor, values).withStage("mongo_stage", "plugin.mongodb").withSecrets(secret);
    }

    /** @return a context of stage {@code mongo_stage} that records what the stage does */
    public static RecordingStageContext context() {
        return new RecordingStageContext("mongo_stage");
    }

    /**
     * Runs a source to the end.
     *
     * @param factory the source factory
     * @param config its configuration
     * @param context its context
     * @return every batch it produced
     * @throws Exception what the stage threw
     */
    public static List<RecordBatch> readAll(MongoSourceFactory factory, StageConfig config, RecordingStageContext context)
            throws Exception {
        factory.validate(config);
        List<RecordBatch> out = new ArrayList<>();
        try (BatchStream stream = factory.open(config, context)) {
            for (RecordBatch b = stream.next(); b != null; b = stream.next()) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Runs a sink over batches and commits.
     *
     * @param factory the sink factory
     * @param config its configuration
     * @param context its context
     * @param batches the input
     * @throws Exception what the stage threw
     */
    public static void writeAll(MongoSinkFactory factory, StageConfig config, RecordingStageContext context,
                                List<RecordBatch> batches) throws Exception {
        factory.validate(config);
        try (SinkWriter writer = factory.open(config, context)) {
            for (RecordBatch b : batches) {
                writer.write(b);
            }
            writer.commit();
        }
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.shutdownNow();
        }
    }
}
