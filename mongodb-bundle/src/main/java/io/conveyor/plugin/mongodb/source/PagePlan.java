package io.conveyor.plugin.mongodb.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * How the source pages through a collection (keyset pagination): every page is the query
 * plus "after the last key seen", sorted on the key, so no page is skipped or read twice
 * however many documents there are, and each page is an indexed range read.
 *
 * <p>The key is {@code cursor_field}; when that is not {@code _id} it is made unique by
 * {@code _id} as a tie-breaker, so documents sharing a cursor value on a page boundary are
 * not lost.
 *
 * <p>MongoDB's {@code $gt} only matches values of the same type bracket (numbers, strings,
 * ObjectIds, dates, …), so when a bracket runs out the next page asks for the brackets that
 * sort after it ({@link #filterAbove}); a cursor field holding mixed types is read whole.
 *
 * <p>The fields the key needs are added to an inclusion projection (and removed again
 * from the rows) and an exclusion of them is lifted (also removed from the rows).
 */
final class PagePlan {
    private static final String ID = "_id";
    /**
     * The {@code $type} numbers of each type bracket, in MongoDB's comparison order: min key;
     * null; double, int, long, decimal; string; object; array; binary; ObjectId; boolean; date;
     * timestamp; regex; max key. Numbers rather than aliases, which not every server knows; the
     * deprecated types (undefined, symbol, DBPointer, JavaScript) are left out for the same
     * reason, so a cursor value of such a type is not looked for past its bracket.
     */
    private static final int[][] BRACKETS = {
        {-1}, {10}, {1, 16, 18, 19}, {2}, {3}, {4}, {5}, {7}, {8}, {9}, {17}, {11}, {127}};

    private final BsonDocument query;
    private final String cursorField;
    private final BsonDocument projection;
    private final List<String> hidden;

    PagePlan(BsonDocument query, BsonDocument projection, String cursorField) {
        this.query = query;
        this.cursorField = cursorField;
        List<String> hide = new ArrayList<>();
        BsonDocument effective = projection == null ? null : projection.clone();
        if (effective != null) {
            for (String needed : keyFields()) {
                BsonValue v = effective.get(needed);
                if (v != null && !truthy(v)) {
                    effective.remove(needed);
                    hide.add(needed);
                }
            }
            if (isInclusion(effective)) {
                for (String needed : keyFields()) {
                    if (!needed.equals(ID) && !covered(effective, needed)) {
                        effective.put(needed, new BsonInt32(1));
                        hide.add(needed);
                    }
                }
            }
            if (effective.isEmpty()) {
                effective = null;
            }
        }
        this.projection = effective;
        this.hidden = List.copyOf(hide);
    }

    /** @return the fields that make up the key: the cursor field, then {@code _id} as tie-breaker */
    List<String> keyFields() {
        return cursorField.equals(ID) ? List.of(ID) : List.of(cursorField, ID);
    }

    /** @return the projection to send, or null for whole documents */
    BsonDocument projection() {
        return projection;
    }

    /** @return the sort: ascending on every key field */
    BsonDocument sort() {
        BsonDocument sort = new BsonDocument();
        for (String f : keyFields()) {
            sort.put(f, new BsonInt32(1));
        }
        return sort;
    }

    /**
     * @param after the key of the last document read (one value per key field; the tie-breaker
     *              may be null when resuming from a bare {@code cursor_value}), or null for the first page
     * @return the page's filter
     */
    BsonDocument filter(List<BsonValue> after) {
        if (after == null) {
            return query;
        }
        BsonDocument gt = new BsonDocument(cursorField, new BsonDocument("$gt", after.get(0)));
        BsonDocument position = gt;
        if (after.size() > 1 && after.get(1) != null) {
            BsonDocument tie = new BsonDocument(cursorField, after.get(0)).append(ID, new BsonDocument("$gt", after.get(1)));
            position = new BsonDocument("$or", new BsonArray(List.of(gt, tie)));
        }
        return query.isEmpty() ? position : new BsonDocument("$and", new BsonArray(List.of(query, position)));
    }

    /**
     * @param last a cursor value
     * @return the index of its type bracket in MongoDB's comparison order
     */
    static int bracketOf(BsonValue last) {
        BsonType t = last.getBsonType();
        return switch (t) {
            case MIN_KEY -> 0;
            case NULL, UNDEFINED -> 1;
            case DOUBLE, INT32, INT64, DECIMAL128 -> 2;
            case STRING, SYMBOL -> 3;
            case DOCUMENT -> 4;
            case ARRAY -> 5;
            case BINARY -> 6;
            case OBJECT_ID -> 7;
            case BOOLEAN -> 8;
            case DATE_TIME -> 9;
            case TIMESTAMP -> 10;
            case REGULAR_EXPRESSION, DB_POINTER, JAVASCRIPT, JAVASCRIPT_WITH_SCOPE -> 11;
            default -> BRACKETS.length - 1;
        };
    }

    /**
     * @param bracket a type bracket whose documents have all been read
     * @return the filter for documents whose cursor value is in a later bracket, or null if there is none
     */
    BsonDocument filterAbove(int bracket) {
        BsonArray types = new BsonArray();
        for (int b = bracket + 1; b < BRACKETS.length; b++) {
            for (int type : BRACKETS[b]) {
                types.add(new BsonInt32(type));
            }
        }
        if (types.isEmpty()) {
            return null;
        }
        BsonDocument above = new BsonDocument(cursorField, new BsonDocument("$type", types));
        return query.isEmpty() ? above : new BsonDocument("$and", new BsonArray(List.of(query, above)));
    }

    /**
     * @param row a row read with {@link #projection()}
     * @return it, without the fields the user's projection did not ask for
     */
    Map<String, Object> strip(Map<String, Object> row) {
        for (String f : hidden) {
            removePath(row, f);
        }
        return row;
    }

    /**
     * @param document a document read
     * @param path a dotted field path
     * @return the value there, or null if absent
     */
    static BsonValue valueAt(BsonDocument document, String path) {
        BsonValue current = document;
        for (String part : path.split("\\.")) {
            if (current == null || !current.isDocument()) {
                return null;
            }
            current = current.asDocument().get(part);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static void removePath(Map<String, Object> row, String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            row.remove(path);
            return;
        }
        Object child = row.get(path.substring(0, dot));
        if (child instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) child;
            removePath(m, path.substring(dot + 1));
            if (m.isEmpty()) {
                row.remove(path.substring(0, dot));
            }
        }
    }

    private static boolean covered(BsonDocument projection, String path) {
        for (String k : projection.keySet()) {
            if (path.equals(k) || path.startsWith(k + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInclusion(BsonDocument projection) {
        for (Map.Entry<String, BsonValue> e : projection.entrySet()) {
            if (!e.getKey().equals(ID) && truthy(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean truthy(BsonValue v) {
        if (v.isNumber()) {
            return v.asNumber().doubleValue() != 0;
        }
        if (v.isBoolean()) {
            return v.equals(BsonBoolean.TRUE);
        }
        return true; // $slice, $elemMatch, expressions: an inclusion
    }
}
