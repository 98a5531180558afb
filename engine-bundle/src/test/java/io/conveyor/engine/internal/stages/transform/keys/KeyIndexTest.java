package io.conveyor.engine.internal.stages.transform.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyIndexTest {
    private static Column longs(Long... values) {
        ColumnBuilder b = new ColumnBuilder(DataType.LONG, values.length);
        for (Long v : values) {
            b.append(v);
        }
        return b.build();
    }

    private static Column of(DataType type, Object... values) {
        ColumnBuilder b = new ColumnBuilder(type, values.length);
        for (Object v : values) {
            b.append(v);
        }
        return b.build();
    }

    @Test
    void numbersKeysInFirstSeenOrderWithNullsAsOneKey() {
        KeyIndex index = new KeyIndex(List.of(DataType.LONG, DataType.STRING));
        int[] g = new int[6];
        index.groups(List.of(longs(1L, 2L, 1L, null, null, 1L), of(DataType.STRING, "a", "a", "a", null, null, "b")),
                6, true, g);
        assertArrayEquals(new int[] {0, 1, 0, 2, 2, 3}, g);
        assertEquals(4, index.size());
        Column keys = index.column(0);
        assertEquals(Arrays.asList(1L, 2L, null, 1L), Arrays.asList(keys.get(0), keys.get(1), keys.get(2), keys.get(3)));
        assertEquals(Arrays.asList("a", "a", null, "b"), Arrays.asList(index.column(1).objectData()));
        int[] probe = new int[2];
        index.groups(List.of(longs(2L, 3L), of(DataType.STRING, "a", "a")), 2, false, probe);
        assertArrayEquals(new int[] {1, -1}, probe);
        assertEquals(4, index.size());
    }

    @Test
    void widensStoredKeysWhenABatchBringsAWiderType() {
        KeyIndex index = new KeyIndex(List.of(DataType.LONG));
        int[] g = new int[3];
        index.groups(List.of(longs(1L, 2L, 3L)), 3, true, g);
        index.groups(List.of(of(DataType.DOUBLE, 2.0, 2.5, 1.0)), 3, true, g);
        assertArrayEquals(new int[] {1, 3, 0}, g);
        assertEquals(DataType.DOUBLE, index.type(0));
        index.groups(List.of(of(DataType.STRING, "2.5", "x", "1.0")), 3, true, g);
        assertEquals(DataType.STRING, index.type(0));
        assertArrayEquals(new int[] {3, 4, 0}, g);
    }

    @Test
    void doublesNaNAndZeroAndJsonByText() {
        KeyIndex index = new KeyIndex(List.of(DataType.DOUBLE));
        int[] g = new int[4];
        index.groups(List.of(of(DataType.DOUBLE, Double.NaN, 0.0, -0.0, Double.NaN)), 4, true, g);
        assertArrayEquals(new int[] {0, 1, 1, 0}, g);
        KeyIndex json = new KeyIndex(List.of(DataType.JSON));
        json.groups(List.of(of(DataType.JSON, Map.of("a", 1L), List.of(1L), Map.of("a", 1L), "x")), 4, true, g);
        assertArrayEquals(new int[] {0, 1, 0, 2}, g);
    }

    @Test
    void manyKeysSurviveTableGrowthAndMatchAMap() {
        Random random = new Random(5);
        KeyIndex index = new KeyIndex(List.of(DataType.LONG, DataType.BOOL));
        Map<List<Object>, Integer> expected = new LinkedHashMap<>();
        for (int batch = 0; batch < 10; batch++) {
            Long[] a = new Long[5000];
            Object[] b = new Object[5000];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(20) == 0 ? null : (long) random.nextInt(20000);
                b[i] = random.nextBoolean();
            }
            int[] g = new int[a.length];
            index.groups(List.of(longs(a), of(DataType.BOOL, b)), a.length, true, g);
            for (int i = 0; i < a.length; i++) {
                List<Object> key = new ArrayList<>(Arrays.asList(a[i], b[i]));
                expected.putIfAbsent(key, expected.size());
                assertEquals(expected.get(key), g[i]);
            }
        }
        assertEquals(expected.size(), index.size());
    }
    @Test
    void probingOneColumnOfLongsFindsWhatAMapFinds() {
        // A join's probe on one integer key, including keys never stored and a stored null key,
        // which no value matches.
        Random random = new Random(9);
        KeyIndex index = new KeyIndex(List.of(DataType.LONG));
        Long[] stored = new Long[3000];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = random.nextInt(10) == 0 ? null : (long) random.nextInt(5000) - 2500;
        }
        int[] g = new int[stored.length];
        index.groups(List.of(longs(stored)), stored.length, true, g);
        Map<Long, Integer> expected = new HashMap<>();
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] != null) {
                expected.putIfAbsent(stored[i], g[i]);
            }
        }
        int size = index.size();
        long[] probe = new long[8000];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = random.nextInt(7000) - 3500L;
        }
        int[] found = new int[probe.length];
        index.groups(List.of(Column.ofLongs(DataType.LONG, probe, null, probe.length)), probe.length, false, found);
        for (int i = 0; i < probe.length; i++) {
            assertEquals(expected.getOrDefault(probe[i], -1), found[i], "key " + probe[i]);
        }
        assertEquals(size, index.size());
    }
    @Test
    void textKeysMatchAMapWhetherTheirStringsAreSharedOrEqualCopies() {
        // Two text columns, as a group-by on a country and a category: values that are the very
        // String stored, equal copies of it, nulls, values whose hashes collide ("Aa" and "BB"),
        // and enough distinct pairs to grow the table while a batch is being added.
        Random random = new Random(13);
        String[] words = new String[400];
        for (int i = 0; i < words.length; i++) {
            words[i] = i % 50 == 0 ? (i % 100 == 0 ? "Aa" : "BB") + i / 100 : "w" + i;
        }
        KeyIndex index = new KeyIndex(List.of(DataType.STRING, DataType.STRING));
        Map<List<Object>, Integer> expected = new LinkedHashMap<>();
        for (int batch = 0; batch < 8; batch++) {
            Object[] a = new Object[4000];
            Object[] b = new Object[4000];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(30) == 0 ? null : random.nextBoolean() ? words[random.nextInt(20)]
                        : new String(words[random.nextInt(20)]);
                String w = words[random.nextInt(batch < 4 ? 40 : words.length)];
                b[i] = random.nextInt(25) == 0 ? null : random.nextBoolean() ? w : new String(w);
            }
            int[] g = new int[a.length];
            index.groups(List.of(of(DataType.STRING, a), of(DataType.STRING, b)), a.length, true, g);
            for (int i = 0; i < a.length; i++) {
                List<Object> key = Arrays.asList(a[i], b[i]);
                expected.putIfAbsent(key, expected.size());
                assertEquals(expected.get(key), g[i], key.toString());
            }
        }
        assertEquals(expected.size(), index.size());
        List<Object> firsts = new ArrayList<>();
        for (List<Object> key : expected.keySet()) {
            firsts.add(key.get(1));
        }
        assertEquals(firsts, Arrays.asList(index.column(1).objectData()).subList(0, index.size()));
        // A probe (no insert) takes the general path and finds the same groups.
        int[] found = new int[2];
        index.groups(List.of(of(DataType.STRING, new String(words[3]), "absent"),
                of(DataType.STRING, words[5], words[5])), 2, false, found);
        assertEquals(expected.getOrDefault(Arrays.asList(words[3], words[5]), -1), found[0]);
        assertEquals(-1, found[1]);
    }
}
