package io.conveyor.engine.internal.stages.transform.nested;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
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
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.MappedStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code transform.flatten}: replaces a json column holding objects by one column per leaf,
 * named by joining the keys, in place and in order of first appearance.
 */
public final class FlattenFactory implements TransformFactory, SchemaAware {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "flatten")
            .description("Replaces nested json columns by one column per leaf: {\"a\": {\"b\": 1}} in column payload "
                    + "becomes payload_a_b. Leaf columns are typed from their values and widened across batches; a "
                    + "leaf missing in a row is null, and so are the leaves below a null ({\"a\": null} beside "
                    + "{\"a\": {\"b\": 1}} adds no column payload_a); once seen, a leaf column stays in later "
                    + "batches. Arrays and empty "
                    + "objects stay json values unless arrays = \"index\". Two paths that give one name (a_b and a.b) "
                    + "fail the stage, naming both. Keeps row order; streams.")
            .option(OptionSpec.string("column")
                            .describe("The json column to flatten; default: every json column"),
                    OptionSpec.string("separator").defaultValue("_").describe("Joins the keys of a path into a name"),
                    OptionSpec.integer("depth")
                            .describe("How many levels of objects to open (1: only the column's own keys); deeper "
                                    + "values stay json. Default: all levels"),
                    OptionSpec.string("arrays").defaultValue("keep").allowed("keep", "index")
                            .describe("keep: an array stays one json value; index: element i becomes NAME_i"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        if (config.has("depth") && config.getLong("depth") < 1) {
            throw config.error("depth", "must be at least 1; leave it out to open every level");
        }
        if (config.getString("separator", "_").isEmpty()) {
            throw config.error("separator", "must not be empty: names like ab from a.b would clash easily");
        }
        if (config.has("column") && config.getString("column").isEmpty()) {
            throw config.error("column", "must name a column; leave it out to flatten every json column");
        }
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Schema in = inputs.get(0);
        if (in == null) {
            return null;
        }
        if (config.has("column")) {
            String column = config.getString("column");
            int i = in.indexOf(column);
            if (i < 0) {
                throw config.error("column", "column '" + column + "' is not in the input (columns: "
                        + String.join(", ", in.names()) + ")");
            }
            if (in.field(i).type() != DataType.JSON) {
                throw config.error("column", notJson(column, in.field(i).type()));
            }
            return null;
        }
        for (Field f : in.fields()) {
            if (f.type() == DataType.JSON) {
                // The leaf columns depend on the data.
                return null;
            }
        }
        return in;
    }

    private static String notJson(String column, DataType type) {
        return "column '" + column + "' is " + type.id() + "; flatten opens json columns (for JSON text in a "
                + "string column use transform.json_extract)";
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        String only = config.getString("column", null);
        String separator = config.getString("separator", "_");
        int depth = config.has("depth") ? (int) Math.min(Integer.MAX_VALUE, config.getLong("depth")) : Integer.MAX_VALUE;
        boolean indexArrays = config.getString("arrays", "keep").equals("index");
        BatchStream input = inputs.get(0);
        Map<String, Leaves> byColumn = new HashMap<>();
        return new MappedStream(input, batch -> {
            if (only != null) {
                Column c = MappedStream.require(batch, only);
                if (c.type() != DataType.JSON) {
                    throw new StageException(notJson(only, c.type()));
                }
            }
            List<Field> fields = new ArrayList<>();
            List<Column> columns = new ArrayList<>();
            Map<String, String> origin = new HashMap<>();
            for (int i = 0; i < batch.schema().size(); i++) {
                Field f = batch.schema().field(i);
                boolean flatten = f.type() == DataType.JSON && (only == null || only.equals(f.name()));
                if (!flatten) {
                    add(f, batch.column(i), "input column '" + f.name() + "'", fields, columns, origin);
                    continue;
                }
                Leaves leaves = byColumn.computeIfAbsent(f.name(),
                        name -> new Leaves(name, separator, depth, indexArrays));
                Map<String, Column> built = leaves.flatten(batch.column(i), batch.rowCount());
                if (built.isEmpty()) {
                    // No leaf yet (every value null so far): the column passes as it is.
                    add(f, batch.column(i), "input column '" + f.name() + "'", fields, columns, origin);
                }
                for (Map.Entry<String, Column> e : built.entrySet()) {
                    add(new Field(e.getKey(), e.getValue().type()), e.getValue(),
                            "path " + leaves.pathOf(e.getKey()), fields, columns, origin);
                }
            }
            return new RecordBatch(new Schema(fields), columns, batch.rowCount());
        });
    }

    private static void add(Field field, Column column, String from, List<Field> fields, List<Column> columns,
                            Map<String, String> origin) throws StageException {
        String before = origin.putIfAbsent(field.name(), from);
        if (before != null) {
            throw new StageException("flattening gives two columns named '" + field.name() + "': from " + before
                    + " and from " + from + "; set another separator, a smaller depth, or rename the input column");
        }
        fields.add(field);
        columns.add(column);
    }
}
