package io.conveyor.engine.internal.stages.transform.sort;

/**
 * Stable merge sorts of row indices, so rows are never boxed. {@link #sort} orders by a
 * comparator that reads the key columns at two row indices; {@link #sortByKey} first compares
 * a primitive key that travels with each index (so the merge reads memory in order, not at
 * random) and asks the comparator only on ties. Short runs are sorted by insertion first.
 */
final class IndexSort {
    private static final int RUN = 24;
    private static final RowComparator NO_TIES = (a, b) -> 0;

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
        sortByKey(rows, new long[n], n, cmp);
    }

    /**
     * @param rows the indices to sort, in place; equal rows keep their relative order
     * @param keys the primary key of each entry of {@code rows} (same position), sorted along with it
     * @param n how many entries to sort
     * @param ties the order of rows with equal primary keys
     */
    static void sortByKey(int[] rows, long[] keys, int n, RowComparator ties) {
        RowComparator tie = ties == null ? NO_TIES : ties;
        for (int lo = 0; lo < n; lo += RUN) {
            insertion(rows, keys, lo, Math.min(n, lo + RUN), tie);
        }
        if (n <= RUN) {
            return;
        }
        int[] a = rows;
        long[] ak = keys;
        int[] b = new int[n];
        long[] bk = new long[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                merge(a, ak, b, bk, lo, Math.min(n, lo + width), Math.min(n, lo + 2 * width), tie);
            }
            int[] t = a;
            a = b;
            b = t;
            long[] tk = ak;
            ak = bk;
            bk = tk;
        }
        if (a != rows) {
            System.arraycopy(a, 0, rows, 0, n);
            System.arraycopy(ak, 0, keys, 0, n);
        }
    }

    private static int compare(int[] rows, long[] keys, int i, int j, RowComparator tie) {
        int c = Long.compare(keys[i], keys[j]);
        return c != 0 ? c : tie.compare(rows[i], rows[j]);
    }

    private static void insertion(int[] a, long[] k, int lo, int hi, RowComparator tie) {
        for (int i = lo + 1; i < hi; i++) {
            int x = a[i];
            long kx = k[i];
            int j = i - 1;
            while (j >= lo) {
                int c = Long.compare(k[j], kx);
                if (c < 0 || (c == 0 && tie.compare(a[j], x) <= 0)) {
                    break;
                }
                a[j + 1] = a[j];
                k[j + 1] = k[j];
                j--;
            }
            a[j + 1] = x;
            k[j + 1] = kx;
        }
    }

    private static void merge(int[] src, long[] sk, int[] dst, long[] dk, int lo, int mid, int hi, RowComparator tie) {
        if (mid >= hi || compare(src, sk, mid - 1, mid, tie) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            System.arraycopy(sk, lo, dk, lo, hi - lo);
            return;
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            if (compare(src, sk, j, i, tie) < 0) {
                dst[k] = src[j];
                dk[k++] = sk[j++];
            } else {
                dst[k] = src[i];
                dk[k++] = sk[i++];
            }
        }
        System.arraycopy(src, i, dst, k, mid - i);
        System.arraycopy(sk, i, dk, k, mid - i);
        k += mid - i;
        System.arraycopy(src, j, dst, k, hi - j);
        System.arraycopy(sk, j, dk, k, hi - j);
    }
}
