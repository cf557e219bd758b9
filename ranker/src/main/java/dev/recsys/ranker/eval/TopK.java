package dev.recsys.ranker.eval;

import java.util.BitSet;
import java.util.PriorityQueue;

/** Selection of the best-scored items, ties broken by the lower item index so results never vary. */
public final class TopK {
    private TopK() {}

    /** The indexes of the k highest scores not in {@code exclude}, best first. */
    public static int[] select(double[] scores, BitSet exclude, int k) {
        PriorityQueue<Integer> heap = new PriorityQueue<>(k + 1, (a, b) -> better(scores, b, a) ? -1 : 1);
        for (int i = 0; i < scores.length; i++) {
            if (exclude != null && exclude.get(i)) {
                continue;
            }
            if (heap.size() < k) {
                heap.add(i);
            } else if (better(scores, i, heap.peek())) {
                heap.poll();
                heap.add(i);
            }
        }
        int[] out = new int[heap.size()];
        for (int at = out.length - 1; at >= 0; at--) {
            out[at] = heap.poll();
        }
        return out;
    }

    /** Whether item a ranks above item b. */
    static boolean better(double[] scores, int a, int b) {
        int byScore = Double.compare(scores[a], scores[b]);
        return byScore != 0 ? byScore > 0 : a < b;
    }
}
