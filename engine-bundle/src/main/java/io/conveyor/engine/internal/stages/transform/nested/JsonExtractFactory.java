package io.conveyor.engine.internal.stages.transform.nested;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.json.JsonText;
import io.conveyor.engine.internal.stages.transform.InferredColumn;
import io.conveyor.engine.internal.stages.transform.InvalidRows;
import io.conveyor.engine.internal.stages.transform.MappedStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code transform.json_extract}: reads values at paths inside a json column (or a string
 * column holding JSON text) into new columns appended after the input's.
 */
public final class JsonExtractFactory implements TransformFactory, SchemaAware {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "json_extract")
            .description("Extracts values at paths inside a json column, or a string column holding JSON text, into "
                    + "new columns after the input's (the source column stays; drop it with transform.select). A path "
                    + "that leads nowhere gives null; a string that is not JSON sends its row to the dead-letter queue "
                    + "(see on_invalid). Keeps row order; streams.")
            .option(OptionSpec.string("column").required().describe("The json or string column to read"),
                    OptionSpec.table("fields").required()
                            .describe("New column name = path, e.g. { city = \"address.city\", first_tag = \"tags[0]\", "
                                    + "dotted = 'meta[\"a.b\"]' }; a leading $ or $. is allowed"),
                    OptionSpec.table("types")
                            .describe("New column name = type (bool, long, double, string, timestamp, date, json) to "
                                    + "convert to; a value that does not convert sends its row to the dead-letter queue. "
                                    + "Columns without a type are inferred and widened across batches"),
                    InvalidRows.OPTION)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** One output column: its name, path and declared type (null: inferred). */
    private record Extraction(String name, JsonPath path, DataType type) {
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        extractions(config);
    }

    private static List<Extraction> extractions(StageConfig config) throws ConfigException {
        Map<String, Object> fields = config.getTable("fields");
        if (fields.isEmpty()) {
            throw config.error("fields", "name at least one column to extract, e.g. fields = { city = \"address.city\" }");
        }
        Map<String, Object> types = config.getTable("types");
        for (String name : types.keySet()) {
            if (!fields.containsKey(name)) {
                throw config.error("types." + name, "'" + name + "' is not a column named in fields ("
                        + String.join(", ", fields.keySet()) + ")");
            }
        }
        List<Extraction> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (!(e.getValue() instanceof String text)) {
                throw config.error("fields." + e.getKey(), "must be a path in a string, e.g. \"a.b[0].c\"");
            }
            JsonPath path;
            try {
                path = JsonPath.parse(text);
            } catch (JsonPath.SyntaxError err) {
                throw config.error("fields." + e.getKey(), err.getMessage());
            }
            DataType type = null;
            if (types.containsKey(e.getKey())) {
                Object t = types.get(e.getKey());
                type = t instanceof String s ? DataType.fromId(s) : null;
                if (type == null) {
                    throw config.error("types." + e.getKey(), "unknown type " + InvalidRows.quote(t)
                            + "; use one of bool, long, double, string, timestamp, date, json");
                }
            }
            out.add(new Extraction(e.getKey(), path, type));
        }
        return out;
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Schema in = inputs.get(0);
        if (in == null) {
            return null;
        }
        String column = config.getString("column");
        int index = in.indexOf(column);
        if (index < 0) {
            throw config.error("column", "column '" + column + "' is not in the input (columns: "
                    + String.join(", ", in.names()) + ")");
        }
        checkSourceType(column, in.field(index).type(), message -> config.error("column", message));
        List<Field> fields = new ArrayList<>(in.fields());
        for (Extraction x : extractions(config)) {
            if (in.indexOf(x.name) >= 0) {
                throw config.error("fields." + x.name, clash(x.name));
            }
            if (x.type == null) {
                return null;
            }
            fields.add(new Field(x.name, x.type));
        }
        return new Schema(fields);
    }

    private static String clash(String name) {
        return "new column '" + name + "' has the name of an input column; pick another name in fields";
    }

    /** Makes the error for a column json_extract cannot read, at compile or run time. */
    private interface ErrorMaker<E extends Exception> {
        E make(String message);
    }

    private static <E extends Exception> void checkSourceType(String column, DataType type, ErrorMaker<E> error)
            throws E {
        if (type != DataType.JSON && type != DataType.STRING) {
            throw error.make("column '" + column + "' is " + type.id() + "; json_extract reads a json column or a "
                    + "string column holding JSON text");
        }
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        String column = config.getString("column");
        List<Extraction> extractions = extractions(config);
        InvalidRows invalid = InvalidRows.of(config, context);
        InferredColumn[] inferred = new InferredColumn[extractions.size()];
        for (int i = 0; i < inferred.length; i++) {
            inferred[i] = new InferredColumn();
        }
        BatchStream input = inputs.get(0);
        return new MappedStream(input, batch -> {
            Column source = MappedStream.require(batch, column);
            checkSourceType(column, source.type(), StageException::new);
            int n = batch.rowCount();
            invalid.start(n);
            Object[][] values = new Object[extractions.size()][n];
            for (int r = 0; r < n; r++) {
                Object root = root(column, source, r, invalid);
                for (int x = 0; x < values.length && root != null; x++) {
                    values[x][r] = value(extractions.get(x), root, r, invalid);
                }
            }
            List<Field> fields = new ArrayList<>(batch.schema().fields());
            List<Column> columns = new ArrayList<>(batch.columns());
            for (int x = 0; x < values.length; x++) {
                Extraction e = extractions.get(x);
                if (batch.schema().indexOf(e.name) >= 0) {
                    throw new StageException(clash(e.name));
                }
                Column c = e.type == null ? inferred[x].build(values[x], n) : typed(e.type, values[x], n);
                fields.add(new Field(e.name, c.type()));
                columns.add(c);
            }
            return invalid.finish(batch, new RecordBatch(new Schema(fields), columns, n));
        });
    }

    private static Object root(String column, Column source, int row, InvalidRows invalid) {
        if (source.isNull(row)) {
            return null;
        }
        if (source.type() == DataType.JSON) {
            return source.get(row);
        }
        String text = source.getString(row);
        try {
            return JsonText.parse(text);
        } catch (JsonProcessingException e) {
            invalid.mark(row, "column '" + column + "' holds " + InvalidRows.quote(text) + ", which is not JSON: "
                    + e.getOriginalMessage());
            return null;
        }
    }

    private static Object value(Extraction x, Object root, int row, InvalidRows invalid) {
        Object v = x.path.get(root);
        if (v == null || x.type == null) {
            return v;
        }
        try {
            return Values.convert(v, x.type);
        } catch (IllegalArgumentException e) {
            invalid.mark(row, "new column '" + x.name + "' (path " + x.path + "): " + e.getMessage());
            return null;
        }
    }

    private static Column typed(DataType type, Object[] values, int rows) {
        ColumnBuilder b = new ColumnBuilder(type, rows);
        for (int r = 0; r < rows; r++) {
            b.append(values[r]);
        }
        return b.build();
    }

}
