package io.conveyor.plugin.http.format;

import io.conveyor.api.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes the records of one request: a JSON array, JSON lines, CSV with a header of every
 * column the records have (in first-seen order), or raw text (the {@code raw_column} of each
 * record, one per line). Values are written as the data model writes them everywhere
 * ({@link Values#writeJson}, {@link Values#toText}).
 *
 * @param format the body format
 * @param rawColumn the column a raw body is taken from
 */
public record BodyWriter(BodyFormat format, String rawColumn) {

    /**
     * @param records the records of one request, in order
     * @return the body, UTF-8
     * @throws IllegalArgumentException if a raw body's column is missing from a record
     */
    public byte[] encode(List<Map<String, Object>> records) {
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case JSON:
                Values.writeJson(records, sb);
                break;
            case JSONL:
                for (Map<String, Object> r : records) {
                    Values.writeJson(r, sb);
                    sb.append('\n');
                }
                break;
            case CSV:
                writeCsv(records, sb);
                break;
            default:
                for (Map<String, Object> r : records) {
                    if (!r.containsKey(rawColumn)) {
                        throw new IllegalArgumentException("format 'raw' sends the column '" + rawColumn
                                + "', which the input does not have (columns: " + String.join(", ", r.keySet())
                                + "); set raw_column");
                    }
                    Object v = r.get(rawColumn);
                    sb.append(v == null ? "" : Values.toText(v)).append('\n');
                }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeCsv(List<Map<String, Object>> records, StringBuilder sb) {
        Set<String> columns = new LinkedHashSet<>();
        for (Map<String, Object> r : records) {
            columns.addAll(r.keySet());
        }
        CsvWriter csv = new CsvWriter(sb);
        csv.row(new ArrayList<>(columns));
        List<String> row = new ArrayList<>(columns.size());
        for (Map<String, Object> r : records) {
            row.clear();
            for (String c : columns) {
                Object v = r.get(c);
                row.add(v == null ? null : Values.toText(v));
            }
            csv.row(row);
        }
    }
}
