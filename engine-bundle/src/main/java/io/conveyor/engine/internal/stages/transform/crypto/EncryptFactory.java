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
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.MappedStream;
import java.util.ArrayList;
import java.util.List;

/** {@code transform.encrypt}: replaces the values of the named columns by their AES-GCM encryption. */
public final class EncryptFactory implements TransformFactory, SchemaAware {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "encrypt")
            .description("Encrypts the values of the named columns with AES-GCM (JDK): each value, with its type, "
                    + "becomes a string, base64 of a random 12-byte IV, the ciphertext and the 16-byte tag; "
                    + "transform.decrypt with the same key restores value and type. Nulls stay null. Keeps row order; "
                    + "streams.")
            .option(AesGcm.COLUMNS, AesGcm.KEY)
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
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        return inputs.get(0) == null ? null : CryptoColumns.of(config).retype(inputs.get(0), config, DataType.STRING);
    }

    /**
     * Warns when the key is written in the file: only a value interpolated from the
     * environment is a known secret, masked wherever it might be printed.
     */
    static void warnIfLiteralKey(StageConfig config, StageContext context) throws ConfigException {
        String key = config.getString(AesGcm.KEY.name());
        if (config.mask(key).equals(key)) {
            context.log().warn("the key is written in the pipeline file; read it from the environment instead, "
                    + "key = \"${CONVEYOR_KEY}\", so it is kept out of the file and masked in messages");
        }
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        CryptoColumns names = CryptoColumns.of(config);
        AesGcm aes = AesGcm.of(config);
        warnIfLiteralKey(config, context);
        BatchStream input = inputs.get(0);
        return new MappedStream(input, batch -> {
            List<Field> fields = new ArrayList<>(batch.schema().fields());
            List<Column> columns = new ArrayList<>(batch.columns());
            for (int i : names.indices(batch)) {
                Column in = batch.column(i);
                Object[] out = new Object[batch.rowCount()];
                for (int r = 0; r < out.length; r++) {
                    out[r] = in.isNull(r) ? null : aes.encrypt(TypedText.encode(in.get(r), in.type()));
                }
                fields.set(i, new Field(fields.get(i).name(), DataType.STRING));
                columns.set(i, Column.ofObjects(DataType.STRING, out, out.length));
            }
            return new RecordBatch(new Schema(fields), columns, batch.rowCount());
        });
    }
}
