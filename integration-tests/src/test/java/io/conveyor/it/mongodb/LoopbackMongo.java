package io.conveyor.it.mongodb;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A MongoDB wire-protocol server (mongo-java-server, in memory) on 127.0.0.1 that keeps a
 * log of the commands it handled, with a client of the test's own to seed and inspect
 * collections.
 *
 * <p>The log is kept by the server, not by a driver listener: the stages under test run
 * their own clients inside Felix, whose commands a listener on the test's client never
 * sees. Each entry says how many documents a write carried and how many a read returned,
 * so a test can count the bulk writes a sink made and the documents a source fetched.
 */
final class LoopbackMongo implements AutoCloseable {
    /** The database every test uses. */
    static final String DB = "it";

    /**
     * One command the server handled.
     *
     * @param database the database it ran against
     * @param name the command ({@code insert}, {@code update}, {@code find}, {@code getMore}, …)
     * @param collection the collection it named, or null
     * @param sent documents carried by an {@code insert} ({@code documents}) or {@code update} ({@code updates}), else 0
     * @param returned documents in the reply's {@code firstBatch}/{@code nextBatch}, else 0
     */
    record Command(String database, String name, String collection, int sent, int returned) {
    }

    private final ObservedBackend backend = new ObservedBackend();
    private final MongoServer server = new MongoServer(backend);
    private final String uri;
    private final MongoClient client;

    /** Starts the server on a free loopback port. */
    LoopbackMongo() {
        server.bind("127.0.0.1", 0);
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        client = MongoClients.create(uri);
    }

    /** @return the server's connection string, {@code mongodb://127.0.0.1:PORT} */
    String uri() {
        return uri;
    }

    /** @return a loopback port nothing listens on (bound, then released) */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** @param name a command name, e.g. {@code insert}
     *  @param collection a collection of {@link #DB}
     *  @return the commands of that name the server handled on it so far, in order */
    List<Command> commands(String name, String collection) {
        List<Command> out = new ArrayList<>();
        for (Command c : backend.log) {
            if (c.database().equals(DB) && c.name().equals(name) && collection.equals(c.collection())) {
                out.add(c);
            }
        }
        return out;
    }

    /** @param collection a collection of {@link #DB}
     *  @return how many documents were carried by each insert command on it, in order */
    List<Integer> insertSizes(String collection) {
        return commands("insert", collection).stream().map(Command::sent).toList();
    }

    /** @param name a collection of {@link #DB}
     *  @return it, for documents as {@link BsonDocument} */
    MongoCollection<BsonDocument> collection(String name) {
        return client.getDatabase(DB).getCollection(name, BsonDocument.class);
    }

    /** Inserts documents, in chunks of 10,000. */
    void insert(String collection, List<BsonDocument> documents) {
        for (int from = 0; from < documents.size(); from += 10_000) {
            Mono.from(collection(collection).insertMany(documents.subList(from, Math.min(documents.size(), from + 10_000))))
                    .block();
        }
    }

    /** @return every document of the collection, sorted by {@code _id} */
    List<BsonDocument> all(String collection) {
        return Flux.from(collection(collection).find().sort(new BsonDocument("_id", new BsonInt32(1)))).collectList().block();
    }

    /** @return the number of documents in the collection */
    long count(String collection) {
        return Mono.from(collection(collection).countDocuments()).block();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }

    /** The in-memory backend, logging every command it handles. */
    private static final class ObservedBackend extends MemoryBackend {
        final List<Command> log = new CopyOnWriteArrayList<>();

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            Object target = command.equals("getMore") ? query.get("collection") : query.get(command);
            int sent = sizeOf(query.get(command.equals("update") ? "updates" : "documents"));
            Document reply = null;
            try {
                reply = super.handleCommand(channel, database, command, query);
                return reply;
            } finally {
                // Logged even when the command failed: the client sent it all the same.
                log.add(new Command(database, command, target instanceof String s ? s : null, sent, returned(reply)));
            }
        }

        private static int returned(Document reply) {
            if (reply != null && reply.get("cursor") instanceof Document cursor) {
                Object batch = cursor.containsKey("firstBatch") ? cursor.get("firstBatch") : cursor.get("nextBatch");
                return sizeOf(batch);
            }
            return 0;
        }

        private static int sizeOf(Object list) {
            return list instanceof List<?> l ? l.size() : 0;
        }
    }
}
