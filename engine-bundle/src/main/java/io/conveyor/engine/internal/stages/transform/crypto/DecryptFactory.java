package io.conveyor.engine.internal.stages.transform.crypto;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.transform.InferredColumn;
import io.conveyor.engine.internal.stages.transform.InvalidRows;
import io.conveyor.engine.internal.stages.transform.MappedStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code transform.decrypt}: restores the columns {@code transform.encrypt} wrote, with their
 * original types. Not {@link io.conveyor.engine.internal.stages.SchemaAware}: the types are
 * inside the ciphertext, so they are known only once the first batch is decrypted.
 */
public final class DecryptFactory implements TransformFactory {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "decrypt")
            .description("Decrypts columns written by transform.encrypt with the same key and restores each value's "
                    + "original type (a column whose values had different types is widened as a source would). A value "
                    + "that was changed, or encrypted with another key, sends its row to the dead-letter queue (see "
                    + "on_invalid). Nulls stay null. Keeps row order; streams.")
            .option(AesGcm.COLUMNS, AesGcm.KEY, InvalidRows.OPTION)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        CryptoColumns.of(config);
        AesGcm.key(config);
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        CryptoColumns names = CryptoColumns.of(config);
        AesGcm aes = AesGcm.of(config);
        EncryptFactory.warnIfLiteralKey(config, context);
        InvalidRows invalid = InvalidRows.of(config, context);
        Map<String, InferredColumn> types = new HashMap<>();
        BatchStream input = inputs.get(0);
        return new MappedStream(input, batch -> {
            int n = batch.rowCount();
            invalid.start(n);
            List<Field> fields = new ArrayList<>(batch.schema().fields());
            List<Column> columns = new ArrayList<>(batch.columns());
            for (int i : names.indices(batch)) {
                String name = fields.get(i).name();
                Column in = batch.column(i);
                if (in.type() != DataType.STRING) {
                    throw new StageException("column '" + name + "' is " + in.type().id() + "; decrypt reads the "
                            + "base64 strings transform.encrypt writes");
                }
                Object[] values = new Object[n];
                DataType[] rowTypes = new DataType[n];
                for (int r = 0; r < n; r++) {
                    if (in.isNull(r)) {
                        continue;
                    }
                    try {
                        TypedText.Typed t = TypedText.decode(aes.decrypt(in.getString(r)));
                        values[r] = t.value();
                        rowTypes[r] = t.type();
                    } catch (AesGcm.Failure f) {
                        invalid.mark(r, "column '" + name + "': the value " + f.getMessage());
                    }
                }
                Column out = types.computeIfAbsent(name, k -> new InferredColumn()).build(values, rowTypes, n);
                fields.set(i, new Field(name, out.type()));
                columns.set(i, out);
            }
            return invalid.finish(batch, new RecordBatch(new Schema(fields), columns, n));
        });
    }
}
