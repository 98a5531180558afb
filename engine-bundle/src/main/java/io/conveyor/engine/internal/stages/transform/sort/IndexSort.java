package io.conveyor.engine.internal.stages.transform.sort;

/**
 * A stable merge sort of row indices, so rows are never boxed: the comparator reads the key
 * columns' arrays at the two indices. Short runs are sorted by insertion first.
 */
final class IndexSort {
    private static final int RUN = 24;

    /** Orders two rows. */
    interface RowComparator {
        int compare(int a, int b);
    }

    private IndexSort() {
    }

    /**
     * @param rows the indices to sort, in place; equal rows keep their relative order
     * @param n how many entries to sort
     * @param cmp the order
     */
    static void sort(int[] rows, int n, RowComparator cmp) {
        for (int lo = 0; lo < n; lo += RUN) {
            insertion(rows, lo, Math.min(n, lo + RUN), cmp);
        }
        if (n <= RUN) {
            return;
        }
        int[] a = rows;
        int[] b = new int[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                merge(a, b, lo, mid, hi, cmp);
            }
            int[] t = a;
            a = b;
            b = t;
        }
        if (a != rows) {
            System.arraycopy(a, 0, rows, 0, n);
        }
    }

    private static void insertion(int[] a, int lo, int hi, RowComparator cmp) {
        for (int i = lo + 1; i < hi; i++) {
            int x = a[i];
            int j = i - 1;
            while (j >= lo && cmp.compare(a[j], x) > 0) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
    }

    private static void merge(int[] src, int[] dst, int lo, int mid, int hi, RowComparator cmp) {
        int i = lo;
        int j = mid;
        int k = lo;
        if (mid >= hi || cmp.compare(src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        while (i < mid && j < hi) {
            dst[k++] = cmp.compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        }
        while (i < mid) {
            dst[k++] = src[i++];
        }
        while (j < hi) {
            dst[k++] = src[j++];
        }
    }
}
