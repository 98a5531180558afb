package io.conveyor.plugin.mongodb.sink;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.output.WholeNumbers;
import io.conveyor.plugin.mongodb.client.MongoConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Writes records as documents in unordered bulk writes of {@code batch_size}. Unordered,
 * so one document the server refuses (a duplicate key, a failed schema validation) does not
 * stop the others: it goes to the dead-letter queue with the server's message, and the rest
 * of the batch is written. Counts of inserted, upserted, updated and failed documents are
 * reported at the end.
 *
 * <p>MongoDB has no multi-batch transaction here: {@link #abort()} drops what is still
 * buffered, but batches already written stay written (upsert and replace make a re-run
 * idempotent).
 */
public final class MongoSinkWriter implements SinkWriter {
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    private final SinkSettings settings;
    private final StageContext context;
    private final MongoConnection connection;
    private final MongoCollection<RawBsonDocument> collection;
    private final List<Pending> buffer = new ArrayList<>();
    /**
     * A field whose column widened from long to double goes on getting int64 for whole numbers,
     * not doubles from the widening on: one type per field where the source had one.
     */
    private final WholeNumbers wholeNumbers = new WholeNumbers();
    private long inserted;
    private long upserted;
    private long updated;
    private long failed;
    private boolean reported;

    /** A record waiting for the next bulk write, kept so a refused document can be rejected as the record it came from. */
    private record Pending(Map<String, Object> record, WriteModel<RawBsonDocument> model, long bytes) {
    }

    /**
     * @param settings the sink's settings
     * @param context the stage's run-time services
     * @param connection the stage's connection, closed with this writer
     */
    public MongoSinkWriter(SinkSettings settings, StageContext context, MongoConnection connection) {
        this.settings = settings;
        this.context = context;
        this.connection = connection;
        MongoCollection<RawBsonDocument> c = connection.database(settings.database())
                .getCollection(settings.collection(), RawBsonDocument.class);
        this.collection = settings.writeConcern() == null ? c : c.withWriteConcern(settings.writeConcern());
    }

    @Override
    public void write(RecordBatch batch) throws StageException {
        boolean[] whole = wholeNumbers.wholeDoubles(batch);
        for (int r = 0; r < batch.rowCount(); r++) {
            Map<String, Object> record = WholeNumbers.row(batch, r, whole);
            Pending pending;
            try {
                pending = pending(record);
            } catch (IllegalArgumentException e) {
                failed++;
                context.reject(record, connection.failures().mask(e.getMessage()));
                continue;
            }
            buffer.add(pending);
            if (buffer.size() >= settings.batchSize()) {
                flush();
            }
        }
    }

    private Pending pending(Map<String, Object> record) {
        BsonDocument doc = settings.converter().document(record);
        RawBsonDocument raw = new RawBsonDocument(doc, CODEC);
        WriteModel<RawBsonDocument> model = switch (settings.mode()) {
            case UPSERT -> new UpdateOneModel<>(keyFilter(doc), update(doc), new UpdateOptions().upsert(true));
            case REPLACE -> new ReplaceOneModel<>(keyFilter(doc), raw, new ReplaceOptions().upsert(true));
            case INSERT -> new InsertOneModel<>(raw);
        };
        return new Pending(record, model, raw.getByteBuffer().remaining());
    }

    private BsonDocument keyFilter(BsonDocument doc) {
        BsonDocument filter = new BsonDocument();
        for (String k : settings.key()) {
            BsonValue v = valueAt(doc, k);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException("key field '" + k + "' is missing or null; mode = \""
                        + settings.mode().name().toLowerCase(java.util.Locale.ROOT) + "\" needs every key field to find the document");
            }
            filter.put(k, v);
        }
        return filter;
    }

    /** {@code $set} of every field but {@code _id}, which cannot change: it is only set when the document is inserted. */
    private static BsonDocument update(BsonDocument doc) {
        BsonDocument set = doc.clone();
        BsonValue id = set.remove("_id");
        BsonDocument update = new BsonDocument("$set", set.isEmpty() ? doc.clone() : set);
        if (id != null && !set.isEmpty()) {
            update.put("$setOnInsert", new BsonDocument("_id", id));
        }
        return update;
    }

    private static BsonValue valueAt(BsonDocument doc, String path) {
        BsonValue current = doc;
        for (String part : path.split("\\.")) {
            if (!current.isDocument()) {
                return null;
            }
            current = current.asDocument().get(part);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private void flush() throws StageException {
        if (buffer.isEmpty()) {
            return;
        }
        List<WriteModel<RawBsonDocument>> models = new ArrayList<>(buffer.size());
        for (Pending p : buffer) {
            models.add(p.model());
        }
        String action = "writing to " + settings.namespace();
        long bytes = 0;
        for (Pending p : buffer) {
            bytes += p.bytes();
        }
        try {
            count(connection.awaitRaw(collection.bulkWrite(models, new BulkWriteOptions().ordered(false))), models.size(), 0);
            context.addBytesWritten(bytes);
        } catch (MongoBulkWriteException e) {
            count(e.getWriteResult(), models.size(), e.getWriteErrors().size());
            for (BulkWriteError err : e.getWriteErrors()) {
                failed++;
                bytes -= buffer.get(err.getIndex()).bytes();
                context.reject(buffer.get(err.getIndex()).record(), connection.failures().mask(
                        "MongoDB refused the document: " + err.getMessage() + " (code " + err.getCode() + ")"));
            }
            context.addBytesWritten(bytes);
            if (e.getWriteConcernError() != null) {
                throw new StageException(connection.failures().mask("MongoDB wrote to " + settings.namespace()
                        + " but could not confirm the write concern: " + e.getWriteConcernError().getMessage()
                        + "; check the replica set's health or lower write_concern"));
            }
        } catch (Throwable t) {
            throw connection.failures().translate(action, t);
        } finally {
            buffer.clear();
        }
    }

    private void count(BulkWriteResult result, int attempted, int refused) {
        if (settings.mode() == WriteMode.INSERT) {
            // In an acknowledged unordered insert every document without a write error was inserted;
            // counted this way rather than from the server's n, which not every server reports alike.
            inserted += attempted - refused;
        } else if (result != null && result.wasAcknowledged()) {
            upserted += result.getUpserts().size();
            updated += result.getMatchedCount();
        }
    }

    @Override
    public void commit() throws StageException {
        flush();
        report();
        context.log().info(connection.failures().mask("wrote to " + settings.namespace() + ": " + inserted + " inserted, "
                + upserted + " upserted, " + updated + " updated, " + failed + " failed"));
    }

    @Override
    public void abort() {
        buffer.clear();
        report();
        if (inserted + upserted + updated > 0) {
            context.log().warn(connection.failures().mask("run aborted: the " + (inserted + upserted + updated)
                    + " documents already written to " + settings.namespace() + " stay there (MongoDB writes cannot be "
                    + "taken back); mode = \"upsert\" or \"replace\" makes a re-run safe"));
        }
    }

    private void report() {
        if (reported) {
            return;
        }
        reported = true;
        context.report("inserted", inserted);
        context.report("upserted", upserted);
        context.report("updated", updated);
        context.report("failed", failed);
    }

    @Override
    public void close() {
        connection.close();
    }
}
