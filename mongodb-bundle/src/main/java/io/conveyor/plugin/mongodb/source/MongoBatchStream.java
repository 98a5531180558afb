package io.conveyor.plugin.mongodb.source;

import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.plugin.mongodb.bson.BsonToPlain;
import io.conveyor.plugin.mongodb.bson.CursorValues;
import io.conveyor.plugin.mongodb.client.HandOffSubscriber;
import io.conveyor.plugin.mongodb.client.MongoConnection;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Reads a collection one page per {@link #next()} call: a page is at most {@code batch_size}
 * documents after the last key seen (see {@link PagePlan}), streamed from the driver with
 * {@code request(n)} backpressure and turned into one batch. Only one page is in memory at
 * a time, whatever the collection's size. When the collection is exhausted the last cursor
 * value is reported as {@code last_cursor_value}, so a later run can resume after it.
 */
public final class MongoBatchStream implements BatchStream {
    private final SourceSettings settings;
    private final StageContext context;
    private final MongoConnection connection;
    private final MongoCollection<RawBsonDocument> collection;
    private final PagePlan plan;
    private final BsonToPlain toPlain;
    private final RowBatcher batcher;
    private List<BsonValue> lastKey;
    /** When not null, the filter of the next page: the type brackets after the last key's (see {@link PagePlan#filterAbove}). */
    private BsonDocument aboveBracket;
    private long read;
    private boolean exhausted;
    private boolean finished;
    private HandOffSubscriber<RawBsonDocument> current;

    /**
     * @param settings the source's settings
     * @param context the stage's run-time services
     * @param connection the stage's connection, closed with this stream
     */
    public MongoBatchStream(SourceSettings settings, StageContext context, MongoConnection connection) {
        this.settings = settings;
        this.context = context;
        this.connection = connection;
        this.collection = connection.database(settings.database()).getCollection(settings.collection(), RawBsonDocument.class);
        this.plan = new PagePlan(settings.query(), settings.projection(), settings.cursorField());
        this.toPlain = new BsonToPlain(settings.decimals());
        this.batcher = new RowBatcher(settings.batchSize());
        if (settings.cursorValue() != null) {
            lastKey = List.of(settings.cursorValue());
        }
    }

    @Override
    public RecordBatch next() throws StageException {
        if (finished) {
            return null;
        }
        long remaining = settings.limit() > 0 ? settings.limit() - read : Long.MAX_VALUE;
        if (exhausted || remaining <= 0) {
            finish();
            return null;
        }
        int want = (int) Math.min(settings.batchSize(), remaining);
        while (!exhausted) {
            RecordBatch batch = readPage(want);
            if (batch != null) {
                return batch;
            }
        }
        finish();
        return null;
    }

    /** @return the page's rows as a batch, or null when the page was empty */
    private RecordBatch readPage(int want) throws StageException {
        BsonDocument filter = aboveBracket != null ? aboveBracket : plan.filter(lastKey);
        FindPublisher<RawBsonDocument> find = collection.find(filter).sort(plan.sort()).limit(want).batchSize(want);
        if (plan.projection() != null) {
            find = find.projection(plan.projection());
        }
        current = connection.subscriber(want);
        find.subscribe(current);
        RecordBatch full = null;
        int n = 0;
        List<BsonValue> key = null;
        try {
            for (RawBsonDocument doc = current.take(); doc != null; doc = current.take()) {
                n++;
                context.addBytesRead(doc.getByteBuffer().remaining());
                key = keyOf(doc);
                RecordBatch b = batcher.add(plan.strip(toPlain.row(doc)));
                if (b != null) {
                    full = b;
                }
            }
        } catch (Throwable t) {
            throw connection.failures().translate("reading " + settings.namespace(), t);
        } finally {
            current = null;
        }
        read += n;
        if (context.log().isDebugEnabled()) {
            context.log().debug(connection.failures().mask("page of " + n + " documents from " + settings.namespace()
                    + " (filter " + filter.toJson() + "); " + read + " read so far"));
        }
        boolean lastPageOfBracket = n < want;
        if (n > 0 && !lastPageOfBracket && (key.get(0) == null || key.get(0).isArray())) {
            throw new StageException(connection.failures().mask("cannot page through " + settings.namespace()
                    + " on cursor_field '" + settings.cursorField() + "': a document (after " + read + " read) has "
                    + (key.get(0) == null ? "no value" : "an array") + " there; choose a cursor_field that every "
                    + "document holds as a single value (the default _id always is)"));
        }
        boolean wasAbove = aboveBracket != null;
        if (key != null && key.get(0) != null) {
            lastKey = key;
            aboveBracket = null;
        }
        if (lastPageOfBracket) {
            // This type bracket is done; documents whose cursor has a later type may remain.
            boolean nothingAbove = (wasAbove && n == 0) || lastKey == null;
            aboveBracket = nothingAbove ? null : plan.filterAbove(PagePlan.bracketOf(lastKey.get(0)));
            exhausted = aboveBracket == null;
        }
        if (n == 0) {
            return null;
        }
        return full != null ? full : batcher.finish();
    }

    private List<BsonValue> keyOf(RawBsonDocument doc) {
        List<BsonValue> key = new ArrayList<>(2);
        for (String f : plan.keyFields()) {
            key.add(PagePlan.valueAt(doc, f));
        }
        return key;
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        context.report("documents_read", read);
        if (lastKey != null) {
            Object last = CursorValues.toReport(lastKey.get(0));
            context.report("last_cursor_value", last);
            context.log().info(connection.failures().mask("read " + read + " documents from " + settings.namespace()
                    + "; last " + settings.cursorField() + " = " + last + " (set cursor_value to it to resume)"));
        } else {
            context.log().info("read " + read + " documents from " + settings.namespace());
        }
    }

    @Override
    public void close() {
        HandOffSubscriber<RawBsonDocument> s = current;
        if (s != null) {
            s.cancel();
        }
        connection.close();
    }
}
