package io.conveyor.engine.internal.stages.transform.crypto;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.transform.MappedStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The {@code columns} of an encrypt or decrypt stage, checked and found in each batch. */
final class CryptoColumns {
    private final List<String> names;

    private CryptoColumns(List<String> names) {
        this.names = names;
    }

    /**
     * @param config a config with {@link AesGcm#COLUMNS}
     * @return the columns
     * @throws ConfigException if none is named or one twice
     */
    static CryptoColumns of(StageConfig config) throws ConfigException {
        List<String> names = config.getStringList(AesGcm.COLUMNS.name());
        if (names.isEmpty()) {
            throw config.error(AesGcm.COLUMNS.name(), "name at least one column, e.g. columns = [\"email\"]");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw config.error(AesGcm.COLUMNS.name(), "a column is named twice: " + names);
        }
        return new CryptoColumns(names);
    }

    /**
     * @param batch a batch
     * @return the index of each named column in it, in {@code columns} order
     * @throws StageException naming a column the batch lacks
     */
    int[] indices(RecordBatch batch) throws StageException {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            MappedStream.require(batch, names.get(i));
            out[i] = batch.schema().indexOf(names.get(i));
        }
        return out;
    }

    /**
     * @param in the input schema
     * @param config the config, for a positioned error
     * @param type the type the named columns get, or null to keep theirs
     * @return the schema with the named columns retyped
     * @throws ConfigException naming a column the input lacks
     */
    Schema retype(Schema in, StageConfig config, DataType type) throws ConfigException {
        List<Field> fields = new ArrayList<>(in.fields());
        for (String name : names) {
            int i = in.indexOf(name);
            if (i < 0) {
                throw config.error(AesGcm.COLUMNS.name(), "column '" + name + "' is not in the input (columns: "
                        + String.join(", ", in.names()) + ")");
            }
            if (type != null) {
                fields.set(i, new Field(name, type));
            }
        }
        return new Schema(fields);
    }
}
