package io.conveyor.engine.internal.stages.transform.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IndexSortTest {
    @Test
    void ordersLikeAStableLibrarySortForManySizes() {
        Random random = new Random(11);
        for (int n : new int[] {0, 1, 2, 23, 24, 25, 48, 100, 1000, 4097}) {
            int[] keys = new int[n];
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(Math.max(1, n / 4));
            }
            int[] rows = new int[n];
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i;
                boxed[i] = i;
            }
            IndexSort.sort(rows, n, (a, b) -> Integer.compare(keys[a], keys[b]));
            Arrays.sort(boxed, Comparator.comparingInt(i -> keys[i]));
            assertArrayEquals(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray(), rows, "n=" + n);
        }
    }
}
