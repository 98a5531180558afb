package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * A parsed TOML file as plain Java values (String, Long, Double, Boolean, java.time values,
 * {@code LinkedHashMap}, {@code ArrayList}, nested all the way down) plus the position of
 * every key and array element, addressed by dotted path: {@code stages[1].config.headers.Accept}.
 * tomlj's own conversions are shallow, and its positions live on the tomlj objects; this
 * class gets both out once, so the passes after parsing never touch tomlj.
 */
final class TomlDocument {
    private final Map<String, Object> root;
    private final Map<String, SourcePosition> positions;

    private TomlDocument(Map<String, Object> root, Map<String, SourcePosition> positions) {
        this.root = root;
        this.positions = positions;
    }

    /**
     * @param table a parsed tomlj table (the parse result)
     * @param source the text parsed, which maps its positions back to the file's
     * @return the document
     */
    static TomlDocument of(TomlTable table, CompactedText source) {
        Map<String, SourcePosition> positions = new LinkedHashMap<>();
        Map<String, Object> root = convertTable(table, "", positions);
        positions.replaceAll((path, at) -> source.original(at));
        return new TomlDocument(root, Collections.unmodifiableMap(positions));
    }

    /** @return the top-level table, as plain values */
    Map<String, Object> root() {
        return root;
    }

    /**
     * @param path a dotted path ({@code global.plugins[0]})
     * @return its position, or {@link SourcePosition#UNKNOWN}
     */
    SourcePosition positionOf(String path) {
        return positions.getOrDefault(path, SourcePosition.UNKNOWN);
    }

    /**
     * The position of the first of {@code paths} that is in the file.
     *
     * @param paths dotted paths, most precise first
     * @return the position, or {@link SourcePosition#UNKNOWN}
     */
    SourcePosition firstKnown(String... paths) {
        for (String p : paths) {
            SourcePosition at = positions.get(p);
            if (at != null) {
                return at;
            }
        }
        return SourcePosition.UNKNOWN;
    }

    private static Map<String, Object> convertTable(TomlTable table, String prefix,
                                                    Map<String, SourcePosition> positions) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : table.keySet()) {
            List<String> keyPath = List.of(key);
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            positions.put(path, position(table.inputPositionOf(keyPath)));
            out.put(key, convert(table.get(keyPath), path, positions));
        }
        return out;
    }

    private static List<Object> convertArray(TomlArray array, String prefix, Map<String, SourcePosition> positions) {
        List<Object> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = prefix + "[" + i + "]";
            positions.put(path, position(array.inputPositionOf(i)));
            out.add(convert(array.get(i), path, positions));
        }
        return out;
    }

    private static Object convert(Object value, String path, Map<String, SourcePosition> positions) {
        if (value instanceof TomlTable t) {
            return convertTable(t, path, positions);
        }
        if (value instanceof TomlArray a) {
            return convertArray(a, path, positions);
        }
        return value;
    }

    static SourcePosition position(TomlPosition p) {
        return p == null ? SourcePosition.UNKNOWN : new SourcePosition(p.line(), p.column());
    }
}
