package io.conveyor.engine.internal.stages.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatJsonLineTest {
    private final JsonBatchBuilder batcher = new JsonBatchBuilder(1);
    private final FlatJsonLine flat = new FlatJsonLine(batcher);

    /** @return the row the line gave, or null if the reader left it to Jackson */
    private Map<String, Object> read(String line) {
        byte[] b = ("  " + line + "  ").getBytes(StandardCharsets.UTF_8);
        if (!flat.stage(b, 2, b.length - 2)) {
            return null;
        }
        RecordBatch batch = batcher.commit();
        return batch == null ? Map.of() : batch.rows().get(0);
    }

    @Test
    void readsPlainFlatObjects() {
        Map<String, Object> row = read("{\"id\":1,\"country\":\"CH\",\"amount\":538.18,\"ok\":true,\"gone\":null,"
                + "\"neg\":-12.75,\"zero\":-0,\"big\":123456789012345678}");
        assertEquals(1L, row.get("id"));
        assertEquals("CH", row.get("country"));
        assertEquals(538.18, row.get("amount"));
        assertEquals(true, row.get("ok"));
        assertNull(row.get("gone"));
        assertEquals(-12.75, row.get("neg"));
        assertEquals(0L, row.get("zero"));
        assertEquals(123456789012345678L, row.get("big"));
        assertEquals(2L, read("{ \"a\" : 1 ,\t\"a\":2 }").get("a"), "a repeated name keeps its last value");
        Map<String, Object> zeros = read("{\"z\":0,\"f\":0.05,\"n\":-0.5,\"t\":10,\"h\":100.01}");
        assertEquals(List.of(0L, 0.05, -0.5, 10L, 100.01),
                List.of(zeros.get("z"), zeros.get("f"), zeros.get("n"), zeros.get("t"), zeros.get("h")),
                "a single zero may lead a number");
    }

    @Test
    void leavesEverythingElseToJacksonHavingStagedNothing() {
        for (String line : List.of("{\"a\":{\"b\":1}}", "{\"a\":[1]}", "{\"a\":\"x\\ny\"}",
                "{\"a\":1e3}", "{\"a\":1.}", "{\"a\":01}", "{\"a\":00}", "{\"a\":-01.5}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":tru}",
                "{\"a\":truex}", "{\"a\":1234567890123456789}", "{\"a\":12345678901234567.5}", "{\"a\":1} x",
                "{\"a\":1", "{\"a\":1,}", "{,}", "{a:1}", "[1]", "5", "\"s\"", "{\"a\":\"\u0001\"}", "{\"a\" 1}",
                "{\"a\":1 \"b\":2}", "{\"a\":\"open}")) {
            assertNull(read(line), line);
            // Nothing half-staged leaks into the next row.
            assertEquals(Map.of("z", 1L), read("{\"z\":1}"), line);
        }
    }

    /**
     * Strings are scanned eight bytes at a time: at every length and position, a string without
     * an escape, a control character or DEL is read as it is, non-ASCII characters of two, three
     * and four bytes included; one with any of those is left to Jackson, in a value or a name.
     */
    @Test
    void aStringIsReadExactlyWhenItHasNoEscapeOrControlCharacter() {
        Random random = new Random(23);
        String plain = "abcXYZ019 ,:{}[]-.~!#$%&'()*+/;<=>?@^_`|\u00e9\u00df\u20ac\u4e2d\ud83d\ude00";
        String[] odd = {"\\n", "\u0001", "\u001f", "\u007f", "\\\\"};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            int n = random.nextInt(40);
            boolean isPlain = true;
            for (int k = 0; k < n; k++) {
                if (random.nextInt(30) == 0) {
                    value.append(odd[random.nextInt(odd.length)]);
                    isPlain = false;
                } else {
                    int at = random.nextInt(plain.length());
                    // the emoji is two chars: take both
                    value.append(Character.isSurrogate(plain.charAt(at)) ? "\ud83d\ude00" : String.valueOf(plain.charAt(at)));
                }
            }
            String text = value.toString();
            String shown = text;
            Map<String, Object> inValue = read("{\"k\":\"" + text + "\",\"n\":1}");
            // A reader of its own for each name: the shared one would gather thousands of columns.
            Map<String, Object> inName = new FlatJsonLineTest().read("{\"" + text + "\":2}");
            if (isPlain) {
                assertEquals(text, inValue.get("k"), shown);
                assertEquals(2L, inName.get(text), shown);
            } else {
                assertNull(inValue, shown);
                assertNull(inName, shown);
            }
        }
    }

    /**
     * Bytes that are well-formed UTF-8 are read as Jackson reads them; anything else (a stray
     * continuation byte, an overlong form, a surrogate, a code point above U+10FFFF, a cut
     * sequence) is left to Jackson, which gives the line's message. Checked against Java's
     * strict decoder on random runs of valid and broken sequences, in values and names.
     */
    @Test
    void wellFormedUtf8IsReadAsJacksonReadsItAndAnythingElseIsLeftToJackson() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        int[][] pieces = {{'a'}, {' '}, {0xC3, 0xA9}, {0xE2, 0x82, 0xAC}, {0xF0, 0x9F, 0x98, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF},
            {0xED, 0x9F, 0xBF}, {0xEE, 0x80, 0x80}, {0xE0, 0xA0, 0x80}, {0xC2, 0x80}, {0xDF, 0xBF},
            {0x80}, {0xBF}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xC2}, {0xE0, 0x80, 0x80}, {0xED, 0xA0, 0x80},
            {0xF0, 0x80, 0x80, 0x80}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xFF}, {0xE2, 0x82}, {0xE2, 0x28, 0xAC}};
        Random random = new Random(41);
        for (int i = 0; i < 20_000; i++) {
            java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
            int n = 1 + random.nextInt(12);
            for (int k = 0; k < n; k++) {
                // mostly well-formed pieces, so that whole strings of them come up too
                int[] piece = pieces[random.nextInt(4) == 0 ? random.nextInt(pieces.length) : random.nextInt(11)];
                for (int x : piece) {
                    value.write(x);
                }
            }
            byte[] v = value.toByteArray();
            String decoded;
            try {
                decoded = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(v)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                decoded = null;
            }
            String shown = java.util.HexFormat.ofDelimiter(" ").formatHex(v);
            for (boolean asName : new boolean[] {false, true}) {
                byte[] line = concat(asName ? "{\"" : "{\"k\":\"", v, asName ? "\":2}" : "\"}");
                JsonBatchBuilder one = new JsonBatchBuilder(1);
                boolean read = new FlatJsonLine(one).stage(line, 0, line.length);
                if (decoded == null) {
                    assertFalse(read, shown);
                    continue;
                }
                assertTrue(read, shown);
                Map<String, Object> row = one.commit().rows().get(0);
                Map<?, ?> jackson = mapper.readValue(line, Map.class);
                if (asName) {
                    assertEquals(jackson.keySet(), row.keySet(), shown);
                    assertEquals(decoded, row.keySet().iterator().next(), shown);
                } else {
                    assertEquals(jackson.get("k"), row.get("k"), shown);
                    assertEquals(decoded, row.get("k"), shown);
                }
            }
        }
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    /**
     * Digits are read eight at a time: whole numbers of every length up to 18 digits, at every
     * offset in the line, read as Long.parseLong reads them; 19 digits, or a digit run that
     * ends in anything but a separator, are left to Jackson.
     */
    @Test
    void wholeNumbersOfEveryLengthReadAsLongParseLong() {
        Random random = new Random(31);
        for (int i = 0; i < 20_000; i++) {
            int length = 1 + random.nextInt(19);
            StringBuilder digits = new StringBuilder().append((char) ('1' + random.nextInt(9)));
            while (digits.length() < length) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            String pad = " ".repeat(random.nextInt(9));
            String number = (random.nextBoolean() ? "-" : "") + digits;
            // a decimal of at most 15 digits, which is always read here
            String decimal = digits.substring(0, Math.min(length, 8)) + "." + digits.substring(0, Math.min(length, 7));
            Map<String, Object> row = read("{" + pad + "\"v\":" + number + ",\"w\":" + decimal + "}");
            if (length <= 18) {
                assertEquals(Long.parseLong(number), row.get("v"), number);
                assertEquals(Double.parseDouble(decimal), row.get("w"), decimal);
            } else {
                assertNull(row, number);
            }
            String odd = "{\"v\":" + digits + (char) (':' + random.nextInt(6)) + "}";
            assertNull(read(odd), odd);
        }
    }

    /**
     * Read from its start with more bytes after it, a plain line ends right after its object and
     * any spaces, at a line break or at the end of the input; a line break anywhere inside, or
     * anything else after the object, leaves the line to be read as usual.
     */
    @Test
    void aLineReadFromItsStartEndsAtItsLineBreak() {
        String[][] cases = {
            {"{\"a\":1}\n{\"a\":2}", "7"}, {"{\"a\":1}  \r\n{", "9"}, {"{\"a\":\"x\"}\r", "9"},
            {"{\"a\":1} ", "end"}, {"{\"a\":1}", "end"}, {"{\"a\":1}", "-1"}, {"{\"a\":1} x\n", "-1"},
            {"{\"a\":\r1}\n", "-1"}, {"{\"a\":1\r}\n", "-1"}, {"{\"a\":\"x\ny\"}\n", "-1"}, {"\n{\"a\":1}\n", "-1"},
            {"{\"a\":12345678\n9}\n", "-1"}, {"{\"a\":1}{\"a\":2}\n", "-1"},
        };
        for (int i = 0; i < cases.length; i++) {
            byte[] b = cases[i][0].getBytes(StandardCharsets.UTF_8);
            // "end": the input ends with the case; else more may come after it, and a line that
            // has no line break yet has no known end.
            boolean inputEnds = cases[i][1].equals("end");
            int expected = inputEnds ? b.length : Integer.parseInt(cases[i][1]);
            JsonBatchBuilder one = new JsonBatchBuilder(1);
            int lineEnd = new FlatJsonLine(one).stageFrom(b, 0, b.length, inputEnds);
            assertEquals(expected, lineEnd, cases[i][0]);
            assertEquals(expected >= 0 ? List.of("a") : List.of(), one.commit().schema().names(),
                    cases[i][0] + ": a value staged only when the line was read");
        }
    }

    @Test
    void decimalsAreExactlyWhatDoubleParseDoubleGives() {
        Random random = new Random(17);
        for (int i = 0; i < 200_000; i++) {
            long units = random.nextLong() % (1L << 53);
            int scale = random.nextInt(16);
            String digits = Long.toString(Math.abs(units));
            while (digits.length() <= scale) {
                digits = "0" + digits;
            }
            String text = (units < 0 ? "-" : "") + digits.substring(0, digits.length() - scale)
                    + (scale == 0 ? ".0" : "." + digits.substring(digits.length() - scale));
            Map<String, Object> row = read("{\"v\":" + text + "}");
            if (row != null) {
                assertEquals(Double.parseDouble(text), row.get("v"), text);
            } else {
                assertFalse(text.replace("-", "").replace(".", "").length() <= 15, "a plain short decimal was refused: " + text);
            }
        }
        assertTrue(read("{\"v\":4.35}") != null);
    }

    @Test
    void aLineGivenUpHalfWayLeavesNothingInTheRowsAroundIt() {
        JsonBatchBuilder four = new JsonBatchBuilder(4);
        FlatJsonLine reader = new FlatJsonLine(four);
        List<RecordBatch> batches = new java.util.ArrayList<>();
        for (String line : List.of("{\"a\":1,\"b\":\"x\"}", "{\"a\":2,\"b\":\"y\",\"c\":tru}", "{\"a\":3}",
                "{\"b\":\"z\",\"a\":5.5,\"c\":{}}", "{\"b\":\"z\"}", "{\"a\":4}")) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            if (reader.stage(b, 0, b.length)) {
                RecordBatch full = four.commit();
                if (full != null) {
                    batches.add(full);
                }
            }
        }
        assertEquals(1, batches.size());
        RecordBatch batch = batches.get(0);
        assertEquals(List.of("a", "b"), batch.schema().names(), "no column only a given-up line named");
        assertEquals(io.conveyor.api.DataType.LONG, batch.schema().fields().get(0).type(), "5.5 was given up too");
        assertEquals(java.util.Arrays.asList(1L, 3L, null, 4L), column(batch, 0));
        assertEquals(java.util.Arrays.asList("x", null, "z", null), column(batch, 1));
    }

    private static List<Object> column(RecordBatch batch, int c) {
        List<Object> values = new java.util.ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            values.add(batch.column(c).get(r));
        }
        return values;
    }

    @Test
    void withColumnsAValueNotReadIsCheckedButNeverConverted() {
        JsonBatchBuilder some = new JsonBatchBuilder(8, List.of("id"));
        FlatJsonLine reader = new FlatJsonLine(some);
        // 0.12345678901234567 has more digits than a double holds exactly: read, it is left to
        // Jackson; not read, the line stays on the fast path, as it needs no conversion.
        String wide = "{\"id\":1,\"v\":0.12345678901234567,\"s\":\"text\",\"t\":true,\"n\":null,\"i\":-12}";
        assertNull(read(wide), "read, the long decimal goes to Jackson");
        byte[] b = wide.getBytes(StandardCharsets.UTF_8);
        assertTrue(reader.stage(b, 0, b.length));
        some.commit();
        // The same line again, its names now known by position, and then in another order.
        assertTrue(reader.stage(b, 0, b.length));
        some.commit();
        byte[] moved = "{\"s\":\"x\",\"id\":3}".getBytes(StandardCharsets.UTF_8);
        assertTrue(reader.stage(moved, 0, moved.length));
        some.commit();
        // Bad JSON in a value not read still gives the line up.
        for (String bad : List.of("{\"id\":4,\"v\":01}", "{\"id\":4,\"s\":\"open}", "{\"id\":4,\"t\":tru}",
                "{\"id\":4,\"v\":1.}", "{\"id\":4,\"s\":\"\u0001\"}", "{\"id\":4,\"v\":1234567890123456789}")) {
            byte[] l = bad.getBytes(StandardCharsets.UTF_8);
            assertFalse(reader.stage(l, 0, l.length), bad);
        }
        RecordBatch batch = some.finish();
        assertEquals(List.of("id"), batch.schema().names());
        assertEquals(java.util.Arrays.asList(1L, 1L, 3L), column(batch, 0));
    }

    @Test
    void withColumnsTheReferencePathKeepsOnlyTheNamedKeysAndOnlyCountedRecordsNameKeys() {
        JsonBatchBuilder some = new JsonBatchBuilder(8, List.of("b", "zz"));
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("a", 1L);
        record.put("b", List.of(2L));
        some.putAll(record);
        some.commit();
        // A record given up half-way (a rejected line) names no key.
        some.skip("gone");
        some.discard();
        some.skip("c");
        some.commit();
        RecordBatch batch = some.finish();
        assertEquals(List.of("b"), batch.schema().names());
        assertEquals(java.util.Arrays.asList(List.of(2L), null), column(batch, 0));
        assertEquals(2, some.committed());
        assertEquals(List.of("zz"), some.unseen());
        assertEquals(List.of("b", "a", "c"), some.keys());
    }
}
