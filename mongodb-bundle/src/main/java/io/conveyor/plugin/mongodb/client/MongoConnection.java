package io.conveyor.plugin.mongodb.client;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.ServerDescriptionChangedEvent;
import com.mongodb.event.ServerListener;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;

/**
 * One stage's MongoDB client: built from the connection string with a short server
 * selection timeout, watching server state so that an unreachable server is reported with
 * its cause, and turning driver exceptions into {@link StageException}s through a
 * {@link FailureTranslator}. Closed by the stage's {@code close()}.
 */
public final class MongoConnection implements AutoCloseable {
    private final MongoClient client;
    private final FailureTranslator failures;
    private final BooleanSupplier cancelled;

    private MongoConnection(MongoClient client, FailureTranslator failures, BooleanSupplier cancelled) {
        this.client = client;
        this.failures = failures;
        this.cancelled = cancelled;
    }

    /**
     * Creates the client. The driver connects lazily, so this does not touch the network;
     * the first operation does, and fails within the server selection timeout.
     *
     * @param target where to connect and how long to wait for a server
     * @param config the stage's configuration, whose {@code mask} hides secrets in every message
     * @param context the stage's context, polled for cancellation while waiting for the server
     * @param customizer test hook applied last to the settings (e.g. a command listener)
     * @return the connection
     */
    public static MongoConnection open(ConnectionTarget target, StageConfig config, StageContext context,
                                       Consumer<MongoClientSettings.Builder> customizer) {
        return open(target, config::mask, context::isCancelled, customizer);
    }

    private static MongoConnection open(ConnectionTarget target, SecretMasker masker, BooleanSupplier cancelled,
                                        Consumer<MongoClientSettings.Builder> customizer) {
        ServerErrorWatch watch = new ServerErrorWatch();
        ConnectionString cs = target.connectionString();
        long timeout = target.serverSelectionTimeoutMs();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
                .applyToServerSettings(b -> b.addServerListener(watch));
        if (cs.getConnectTimeout() == null) {
            // A connect attempt should not outlive the time we give server selection.
            settings.applyToSocketSettings(b -> b.connectTimeout((int) Math.min(timeout, 10_000), TimeUnit.MILLISECONDS));
        }
        customizer.accept(settings);
        MongoClient client = MongoClients.create(settings.build());
        return new MongoConnection(client, new FailureTranslator(target, masker, watch), cancelled);
    }

    /** @param name database name
     *  @return the database */
    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** @return how driver failures become stage failures */
    public FailureTranslator failures() {
        return failures;
    }

    /**
     * @param chunk items to request at a time
     * @param <T> the item type
     * @return a subscriber that stops waiting when the run is cancelled
     */
    public <T> HandOffSubscriber<T> subscriber(int chunk) {
        return new HandOffSubscriber<>(chunk, cancelled);
    }

    /**
     * Runs a single-result operation and waits for its result.
     *
     * @param publisher the operation
     * @param action what it does, for messages ("inserting into db.coll")
     * @param <T> the result type
     * @return the result, or null if the publisher completed empty
     * @throws StageException the translated failure
     */
    public <T> T await(Publisher<T> publisher, String action) throws StageException {
        try {
            return awaitRaw(publisher);
        } catch (Throwable t) {
            throw failures.translate(action, t);
        }
    }

    /**
     * Runs a single-result operation and waits for its result, leaving failures untranslated
     * for callers that handle some of them (a bulk write's per-document errors).
     *
     * @param publisher the operation
     * @param <T> the result type
     * @return the result, or null if the publisher completed empty
     * @throws Throwable what the driver signalled, or {@link HandOffSubscriber.CancelledException}
     */
    public <T> T awaitRaw(Publisher<T> publisher) throws Throwable {
        HandOffSubscriber<T> s = subscriber(1);
        publisher.subscribe(s);
        T result = s.take();
        s.cancel();
        return result;
    }

    @Override
    public void close() {
        client.close();
    }

    /** Keeps the most recent error a server monitor saw, to say why no server was selectable. */
    static final class ServerErrorWatch implements ServerListener {
        private volatile Throwable last;

        @Override
        public void serverDescriptionChanged(ServerDescriptionChangedEvent event) {
            Throwable t = event.getNewDescription().getException();
            if (t != null) {
                last = t;
            }
        }

        Throwable last() {
            return last;
        }
    }
}
