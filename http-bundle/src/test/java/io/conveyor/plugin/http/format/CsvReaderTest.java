package io.conveyor.plugin.http.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<List<String>> readAll(String text) throws Exception {
        CsvReader r = new CsvReader(new StringReader(text));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row; (row = r.next()) != null; ) {
            rows.add(row);
        }
        return rows;
    }

    @Test
    void writerOutputReadsBackToTheSameFields() throws Exception {
        List<List<String>> rows = List.of(
                Arrays.asList("plain", "with,comma", "with \"quotes\""),
                Arrays.asList("multi\nline\r\ntext", "", null),
                Arrays.asList(" padded ", "\"", "last"));
        StringBuilder sb = new StringBuilder();
        CsvWriter w = new CsvWriter(sb);
        rows.forEach(w::row);
        assertEquals(rows, readAll(sb.toString()));
    }

    @Test
    void crlfEndsRowsAndLineNumbersCountEmbeddedNewlines() throws Exception {
        CsvReader r = new CsvReader(new StringReader("a,b\r\n\"x\ny\",2\r\nlast,3"));
        assertEquals(List.of("a", "b"), r.next());
        assertEquals(List.of("x\ny", "2"), r.next());
        assertEquals(2, r.rowLine());
        assertEquals(List.of("last", "3"), r.next());
        assertEquals(4, r.rowLine());
        assertNull(r.next());
    }

    @Test
    void unclosedQuoteIsReportedWithItsLine() {
        BodyFormatException e = assertThrows(BodyFormatException.class, () -> readAll("a,b\n1,\"open\nstill open"));
        assertEquals("malformed CSV: the quoted field starting on line 2 is not closed before the end of the body",
                e.getMessage());
        assertFalse(e.isRecoverable());
    }
}
