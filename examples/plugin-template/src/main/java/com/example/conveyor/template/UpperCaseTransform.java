package com.example.conveyor.template;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * Transform {@code plugin.template.upper}: upper-cases one string column, batch by batch
 * (streaming, nothing held back). Nulls stay null.
 */
@Component(service = TransformFactory.class, property = {
        "conveyor.plugin=template", "conveyor.stage.kind=transform", "conveyor.stage.name=upper"})
public final class UpperCaseTransform implements TransformFactory {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "upper")
            .description("Upper-cases a string column.")
            .option(OptionSpec.string("column").required().describe("The column to upper-case"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        String column = config.getString("column");
        BatchStream input = inputs.get(0);
        return new BatchStream() {
            @Override
            public RecordBatch next() throws Exception {
                RecordBatch batch = input.next();
                return batch == null ? null : upperCase(batch, column, context.stageId());
            }

            @Override
            public void close() throws Exception {
                input.close();
            }
        };
    }

    /**
     * @param batch the input
     * @param column the column to change
     * @param stageId for the error message
     * @return a batch with that column upper-cased, the others unchanged
     * @throws StageException if the column is missing or not a string
     */
    static RecordBatch upperCase(RecordBatch batch, String column, String stageId) throws StageException {
        int index = batch.schema().indexOf(column);
        if (index < 0) {
            throw new StageException("stage '" + stageId + "': column '" + column + "' is not in the input (columns: "
                    + String.join(", ", batch.schema().names()) + ")");
        }
        Column source = batch.column(index);
        if (source.type() != DataType.STRING) {
            throw new StageException("stage '" + stageId + "': column '" + column + "' is " + source.type()
                    + ", not a string; cast it first (transform.cast)");
        }
        Object[] values = new Object[batch.rowCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = source.isNull(i) ? null : source.getString(i).toUpperCase(Locale.ROOT);
        }
        List<Column> columns = new ArrayList<>(batch.columns());
        columns.set(index, Column.ofObjects(DataType.STRING, values, values.length));
        return new RecordBatch(batch.schema(), columns, batch.rowCount());
    }
}
