package io.conveyor.engine.internal.stages.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StringCacheTest {
    private static String get(StringCache cache, String s) {
        // Surrounded by other characters, as in a parser's buffer.
        char[] buffer = ("[[" + s + "]]").toCharArray();
        return cache.get(buffer, 2, s.length());
    }

    @Test
    void repeatedValuesShareOneStringAndEveryValueIsExact() {
        StringCache cache = new StringCache();
        String first = get(cache, "CH");
        assertEquals("CH", first);
        assertSame(first, get(cache, "CH"));
        assertEquals("GB", get(cache, "GB"));
        assertEquals("", get(cache, ""));
        String longer = "x".repeat(40);
        assertEquals(longer, get(cache, longer));
        assertNotSame(get(cache, longer), get(cache, longer), "values past the length limit are not cached");
    }

    @Test
    void mostlyDistinctValuesTurnTheCacheOffAndStayExact() {
        StringCache cache = new StringCache();
        Random random = new Random(3);
        for (int i = 0; i < 5000; i++) {
            String v = Long.toString(random.nextLong(), 36);
            assertEquals(v, get(cache, v));
        }
        String a = get(cache, "CH");
        assertEquals("CH", a);
        assertNotSame(a, get(cache, "CH"), "the cache is off after many misses");
    }

    @Test
    void bytesGiveTheSameStringsAsCharacters() {
        StringCache cache = new StringCache();
        for (String v : java.util.List.of("CH", "caf\u00e9", "\u20ac", "", "CH")) {
            byte[] b = ("[" + v + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(v, cache.get(b, 1, b.length - 1));
        }
        byte[] ch = "CH".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertSame(cache.get(ch, 0, 2), cache.get(ch, 0, 2));
    }

    @Test
    void collidingValuesNeverReturnEachOther() {
        StringCache cache = new StringCache();
        // "Aa" and "BB" have the same String hash; with the length mixed in they may still share a slot.
        for (int i = 0; i < 100; i++) {
            assertEquals("Aa", get(cache, "Aa"));
            assertEquals("BB", get(cache, "BB"));
            assertEquals("\u00e9", get(cache, "\u00e9"));
        }
    }
    @Test
    void aFewHundredValuesAreAllKeptWhateverSlotsTheyShare() {
        // Fifty words and two hundred codes, as a category and a product column: each value has
        // one String from its first appearance on, however the values fall into the table.
        StringCache cache = new StringCache();
        java.util.List<String> values = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            values.add("category-" + (char) ('a' + i % 26) + i);
        }
        for (int i = 0; i < 200; i++) {
            values.add(Integer.toString(i, 36).toUpperCase());
        }
        java.util.Map<String, String> first = new java.util.HashMap<>();
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String v = values.get(random.nextInt(values.size()));
            byte[] b = ("," + v + ",").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String got = cache.get(b, 1, b.length - 1);
            assertEquals(v, got);
            assertSame(first.computeIfAbsent(v, k -> got), got, v);
        }
    }

    @Test
    void aColumnWhoseValuesChangeOverTheFileKeepsBeingServed() {
        // A sorted date column: each value in a run of ten, a thousand values in all, more than the
        // table holds at once. Within a run the value is shared; the cache never turns off.
        StringCache cache = new StringCache();
        for (int day = 0; day < 1000; day++) {
            String v = "2025-" + day;
            String inRun = get(cache, v);
            for (int k = 1; k < 10; k++) {
                assertSame(inRun, get(cache, v), v);
            }
        }
        String a = get(cache, "CH");
        assertSame(a, get(cache, "CH"), "the cache is still on");
    }
    @Test
    void valuesThatDifferInAFewPlacesSpreadOverTheTable() {
        // Hourly timestamps agree in length and in their first, middle and last characters; a
        // hash of those alone put all of them on one slot, and every search then walked past
        // them all. The hash reads every byte.
        java.util.Set<Integer> slots = new java.util.HashSet<>();
        for (int day = 1; day <= 10; day++) {
            for (int hour = 0; hour < 24; hour++) {
                byte[] v = String.format("2025-05-%02dT%02d:00:00Z", day, hour)
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                slots.add(StringCache.index(StringCache.hash(v, 0, v.length)));
            }
        }
        assertTrue(slots.size() > 150, "240 values on " + slots.size() + " slots");
    }

    private static String bytes(StringCache cache, String s) {
        byte[] buffer = ("[[" + s + "]]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return cache.get(buffer, 2, 2 + s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void cachesWithASharedTableGiveOneStringPerValueAcrossThem() {
        StringCache.Shared shared = new StringCache.Shared();
        StringCache a = new StringCache(shared);
        StringCache b = new StringCache(shared);
        String de = bytes(a, "DE");
        assertSame(de, bytes(b, "DE"));
        assertSame(de, bytes(a, "DE"));
        assertEquals("Zürich", bytes(b, "Zürich"));
        assertSame(bytes(b, "Zürich"), bytes(a, "Zürich"));
        // Without a shared table each cache makes its own.
        assertNotSame(bytes(new StringCache(), "DE"), bytes(new StringCache(), "DE"));
    }

    @Test
    void aFullSharedTableKeepsServingWhatItHoldsAndNothingMore() {
        StringCache.Shared shared = new StringCache.Shared();
        String first = bytes(new StringCache(shared), "v0");
        for (int i = 1; i < StringCache.Shared.LIMIT + 50; i++) {
            assertEquals("v" + i, bytes(new StringCache(shared), "v" + i));
        }
        assertSame(first, bytes(new StringCache(shared), "v0"));
        String late = "v" + (StringCache.Shared.LIMIT + 10);
        String one = bytes(new StringCache(shared), late);
        assertEquals(late, one);
        assertNotSame(one, bytes(new StringCache(shared), late), "a value met after the table filled is not kept");
    }
}
