package io.conveyor.plugin.http.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

    private static RecordReader reader(String json, String recordsPath, String nextPath) throws Exception {
        return BodyFormat.JSON.reader(new StringReader(json), FieldPath.parse(recordsPath),
                nextPath == null ? null : FieldPath.parse(nextPath));
    }

    private static List<Map<String, Object>> readAll(RecordReader r) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> rec; (rec = r.next()) != null; ) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void nextUrlIsFoundBeforeOrAfterTheRecords() throws Exception {
        RecordReader before = reader("{\"paging\":{\"next\":\"/p2\"},\"rows\":[{\"a\":1}]}", "rows", "paging.next");
        assertEquals(List.of(Map.of("a", 1L)), readAll(before));
        assertEquals("/p2", before.nextUrl());
        RecordReader after = reader("{\"rows\":[{\"a\":1},{\"a\":2}],\"paging\":{\"other\":[1,{\"x\":2}],\"next\":null}}",
                "rows", "paging.next");
        assertEquals(2, readAll(after).size());
        assertNull(after.nextUrl());
    }

    @Test
    void scalarsBecomeValueRecordsAndAnObjectAtThePathIsOneRecord() throws Exception {
        assertEquals(List.of(Map.of("value", 1L), Map.of("value", "two")), readAll(reader("[1,\"two\"]", null, null)));
        assertEquals(List.of(Map.of("id", 9L)), readAll(reader("{\"data\":{\"id\":9}}", "data", null)));
        assertEquals(List.of(), readAll(reader("{\"data\":null}", "data", null)));
        assertEquals(List.of(), readAll(reader("", null, null)));
    }

    @Test
    void wrongShapesAndTrailingDataAreErrors() {
        BodyFormatException e = assertThrows(BodyFormatException.class, () -> readAll(reader("{\"data\":\"x\"}", "data", null)));
        assertEquals("records_path 'data' holds a string, expected an array of records", e.getMessage());
        e = assertThrows(BodyFormatException.class, () -> readAll(reader("[1,2]", "data", null)));
        assertEquals("the body is an array, but records_path 'data' needs an object", e.getMessage());
        e = assertThrows(BodyFormatException.class, () -> readAll(reader("[{\"a\":1}] [", null, null)));
        assertEquals("malformed JSON at line 1, column 12: an array after the end of the document", e.getMessage());
        e = assertThrows(BodyFormatException.class, () -> readAll(reader("[{\"a\":1},\n {\"a\":", null, null)));
        assertEquals("malformed JSON at line 2, column 7: Unexpected end-of-input within/between Object entries",
                e.getMessage());
    }
}
