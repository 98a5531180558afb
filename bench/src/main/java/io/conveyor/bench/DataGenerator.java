package io.conveyor.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * Writes the benchmark data of {@code shared/bench/JOBS.md}: {@code orders.csv} and
 * {@code orders.jsonl} (the same N rows) and {@code users.csv} (100,000 rows) into a directory.
 * The same seed and row count give the same bytes on every machine and JDK, because
 * {@link SplittableRandom}'s sequence is specified and every number is formatted by hand.
 *
 * <p>Usage: {@code java -cp conveyor-bench.jar io.conveyor.bench.DataGenerator ROWS DIR}
 */
public final class DataGenerator {
    /** Change when the data's shape changes, so cached data sets are regenerated. */
    public static final String VERSION = "1";
    private static final long SEED = 20261125L;
    static final int USERS = 100_000;
    private static final String[] COUNTRIES = {"US", "DE", "FR", "GB", "JP", "CN", "IN", "BR", "CA", "AU",
        "IT", "ES", "MX", "KR", "NL", "SE", "CH", "PL", "BE", "AT"};
    private static final String[] CATEGORIES = {"books", "music", "video", "games", "toys", "garden", "tools",
        "kitchen", "bath", "bedding", "furniture", "lighting", "paint", "hardware", "auto", "bikes", "camping",
        "fishing", "golf", "running", "swimming", "tennis", "yoga", "baby", "pets", "beauty", "health", "vitamins",
        "grocery", "coffee", "tea", "wine", "snacks", "office", "school", "art", "crafts", "sewing", "phones",
        "laptops", "tablets", "cameras", "audio", "tv", "watches", "jewelry", "shoes", "bags", "hats", "socks"};
    private static final String[] NOTES_PLAIN = {"gift wrap", "leave at door", "fragile", "call on arrival",
        "no rush", "express", "second attempt", "ring twice", "office hours only", "reuse box"};
    private static final String[] NOTES_COMMA = {"fragile, handle with care", "leave at door, thanks",
        "gift, no receipt", "back door, not front", "after 5pm, weekdays"};
    private static final String[] FIRST = {"Ada", "Ben", "Cleo", "Dev", "Eva", "Finn", "Gus", "Hana", "Ivo", "Jun",
        "Kai", "Lea", "Mo", "Nia", "Oto", "Pia"};
    private static final String[] LAST = {"Abe", "Berg", "Cruz", "Diaz", "Ek", "Fox", "Gray", "Holm", "Ito", "Jain",
        "Koch", "Lund", "Moss", "Noor", "Ortiz", "Park"};
    private static final long TS_START = LocalDateTime.of(2025, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final int TS_SPAN = 365 * 24 * 3600;

    private DataGenerator() {
    }

    /**
     * @param args rows and the output directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DataGenerator ROWS DIR");
            System.exit(2);
        }
        long rows = Long.parseLong(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        writeOrders(rows, dir);
        writeUsers(dir);
    }

    private static void writeOrders(long rows, Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        try (Text csv = new Text(dir.resolve("orders.csv")); Text json = new Text(dir.resolve("orders.jsonl"))) {
            csv.add("id,user_id,country,category,amount,quantity,ts,note\n");
            for (long id = 1; id <= rows; id++) {
                int user = 1 + random.nextInt(USERS);
                String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                int cents = 1 + random.nextInt(100_000);
                int quantity = 1 + random.nextInt(20);
                long ts = TS_START + random.nextInt(TS_SPAN);
                int noteKind = random.nextInt(100);
                String note = noteKind < 5 ? "" : noteKind < 15 ? NOTES_COMMA[random.nextInt(NOTES_COMMA.length)]
                        : NOTES_PLAIN[random.nextInt(NOTES_PLAIN.length)];
                csv.num(id).add(',').num(user).add(',').add(country).add(',').add(category).add(',');
                csv.amount(cents).add(',').num(quantity).add(',').timestamp(ts).add(',');
                if (note.indexOf(',') >= 0) {
                    csv.add('"').add(note).add('"');
                } else {
                    csv.add(note);
                }
                csv.add('\n');
                json.add("{\"id\":").num(id).add(",\"user_id\":").num(user).add(",\"country\":\"").add(country)
                        .add("\",\"category\":\"").add(category).add("\",\"amount\":").amount(cents)
                        .add(",\"quantity\":").num(quantity).add(",\"ts\":\"").timestamp(ts)
                        .add("\",\"note\":\"").add(note).add("\"}\n");
            }
        }
    }

    private static void writeUsers(Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        try (Text csv = new Text(dir.resolve("users.csv"))) {
            csv.add("user_id,name,tier\n");
            for (int u = 1; u <= USERS; u++) {
                int t = random.nextInt(10);
                String tier = t < 2 ? "gold" : t < 5 ? "silver" : "bronze";
                csv.num(u).add(',').add(FIRST[random.nextInt(FIRST.length)]).add(' ')
                        .add(LAST[random.nextInt(LAST.length)]).add(',').add(tier).add('\n');
            }
        }
    }

    /** ASCII text written through a large buffer, with the few formatters the data needs. */
    private static final class Text implements AutoCloseable {
        private final OutputStream out;

        Text(Path file) throws IOException {
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        }

        Text add(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Text add(char c) throws IOException {
            out.write(c);
            return this;
        }

        Text num(long v) throws IOException {
            return add(Long.toString(v));
        }

        /** Two decimals always: 250.00, 0.01. */
        Text amount(int cents) throws IOException {
            num(cents / 100).add('.');
            int frac = cents % 100;
            return add((char) ('0' + frac / 10)).add((char) ('0' + frac % 10));
        }

        /** ISO-8601 UTC with seconds and a Z: 2025-03-05T07:08:09Z. */
        Text timestamp(long epochSecond) throws IOException {
            LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
            num(t.getYear()).add('-').two(t.getMonthValue()).add('-').two(t.getDayOfMonth()).add('T');
            return two(t.getHour()).add(':').two(t.getMinute()).add(':').two(t.getSecond()).add('Z');
        }

        private Text two(int v) throws IOException {
            return add((char) ('0' + v / 10)).add((char) ('0' + v % 10));
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
