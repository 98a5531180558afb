package io.conveyor.engine.internal.stages.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteLinesTest {
    /** A stream that hands out at most a few bytes per read, so line breaks fall across reads. */
    private static InputStream trickle(byte[] bytes, Random random) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(7)));
            }
        };
    }

    private static List<String> byteLines(InputStream in) throws IOException {
        ByteLines lines = new ByteLines(in);
        List<String> out = new ArrayList<>();
        while (lines.next()) {
            out.add(lines.text());
        }
        return out;
    }

    private static List<String> readerLines(String text) throws IOException {
        BufferedReader reader = new BufferedReader(new StringReader(text));
        List<String> out = new ArrayList<>();
        for (String line; (line = reader.readLine()) != null; ) {
            out.add(line);
        }
        return out;
    }

    @Test
    void splitsWhereBufferedReaderSplitsWhateverTheReadSizes() throws Exception {
        Random random = new Random(7);
        String[] pieces = {"a", "{\"k\": 1}", "é", "\u20ac", " ", "", "\n", "\r", "\r\n", "\n\n", "\r\r"};
        for (int trial = 0; trial < 3000; trial++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            assertEquals(readerLines(text.toString()), byteLines(trickle(bytes, random)), () -> "text: " + text);
            assertEquals(readerLines(text.toString()), byteLines(new ByteArrayInputStream(bytes)), () -> "text: " + text);
        }
    }

    /**
     * Lines read as source.json reads a file: each from its start ({@link ByteLines#prepare}), its
     * end found by the reader within what was read ahead ({@link ByteLines#take}), or else by
     * {@link ByteLines#next}; mixed so, they are the lines BufferedReader gives, whatever the
     * read sizes and wherever the buffer's refills fall.
     */
    @Test
    void linesTakenFromTheirStartAreTheLinesOfTheWhole() throws Exception {
        Random random = new Random(13);
        String[] parts = {"a", "{\"k\": 1}", "\u00e9", " ", "", "\n", "\r", "\r\n", "\n\n", "\r\r"};
        for (int trial = 0; trial < 300; trial++) {
            StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "\uFEFF" : "");
            int n = random.nextInt(trial < 200 ? 40 : 40_000);
            for (int i = 0; i < n; i++) {
                text.append(random.nextInt(500) == 0 ? "y".repeat(random.nextInt(3000)) : parts[random.nextInt(parts.length)]);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            String whole = text.length() > 0 && text.charAt(0) == '\uFEFF' ? text.substring(1) : text.toString();
            int ahead = 1 + random.nextInt(64);
            for (InputStream in : List.of(trickle(bytes, random), new ByteArrayInputStream(bytes))) {
                ByteLines lines = new ByteLines(in);
                List<String> out = new ArrayList<>();
                while (true) {
                    int from = lines.prepare(ahead);
                    if (from < 0) {
                        break;
                    }
                    int end = from;
                    byte[] b = lines.buffer();
                    while (end < lines.limit() && b[end] != '\n' && b[end] != '\r') {
                        end++;
                    }
                    if (end < lines.limit() || lines.atEnd()) {
                        lines.take(end);
                    } else if (!lines.next()) {
                        break;
                    }
                    out.add(lines.text());
                }
                assertEquals(readerLines(whole), out, () -> "text of " + bytes.length + " bytes, ahead " + ahead);
            }
        }
    }

    @Test
    void aLineLongerThanTheBufferIsWhole() throws Exception {
        String longLine = "x".repeat(200_000);
        String text = "first\r\n" + longLine + "\rlast";
        assertEquals(List.of("first", longLine, "last"),
                byteLines(trickle(text.getBytes(StandardCharsets.UTF_8), new Random(1))));
        assertEquals(List.of("first", longLine, "last"),
                byteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void skipsALeadingByteOrderMarkOnly() throws Exception {
        String text = "\uFEFFa\n\uFEFFb\n";
        assertEquals(List.of("a", "\uFEFFb"), byteLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
        assertEquals(List.of(), byteLines(new ByteArrayInputStream(new byte[0])));
        assertEquals(List.of(), byteLines(new ByteArrayInputStream(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})));
    }

    @Test
    void blankMeansWhatStringIsBlankMeans() throws Exception {
        for (String line : List.of("", " ", "\t \f", "\u2003", " \u3000 ", "x", " x ", "\u00a0", "\u2003x")) {
            ByteLines lines = new ByteLines(new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)));
            assertTrue(lines.next());
            assertEquals(line.isBlank(), lines.isBlank(), () -> "line: '" + line + "'");
            assertFalse(lines.next());
        }
    }

    @Test
    void lineBreakFindsTheFirstNewlineOrCarriageReturnAsAByteLoopWould() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // Mostly bytes next to the sought ones, zero and high bytes, which a wrong mask would match.
                int k = random.nextInt(12);
                b[i] = (byte) (k == 0 ? '\n' : k == 1 ? '\r' : k == 2 ? 0 : k == 3 ? 0x0B : k == 4 ? 0x0C
                        : k == 5 ? 0x8A : k == 6 ? 0x8D : k == 7 ? 0xFF : k == 8 ? 0x09 : 'a' + random.nextInt(26));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int limit = from + random.nextInt(b.length - from + 1);
            int expected = limit;
            for (int i = from; i < limit; i++) {
                if (b[i] == '\n' || b[i] == '\r') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, ByteLines.lineBreak(b, from, limit), java.util.Arrays.toString(b) + " " + from + ".." + limit);
        }
    }
}
