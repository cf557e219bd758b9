package dev.recsys.tools.sequence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Shoppers' item sequences cut into the model's training rows. A row is a window of at most {@code
 * maxLength + 1} consecutive items: all but the newest are the inputs and, one position on, the items to
 * predict, right-aligned with padding 0 on the left. A sequence gives its newest window, then the window
 * that ends where that one's inputs begin, and so on back to its start, so every item of a long history
 * is predicted once (a model reads only {@code maxLength} items, and the newest window alone would leave
 * the rest of a long history unused). Windows of fewer than two items teach nothing and are left out.
 * Negatives are drawn uniformly from the catalog, never equal to the item they stand against.
 */
final class TrainingSequences {
    private final List<int[]> sequences;
    private final int itemCount;
    private final int maxLength;

    /**
     * @param sequences each shopper's items in order, oldest first, as ids 1 … itemCount
     */
    TrainingSequences(List<int[]> sequences, int itemCount, int maxLength) {
        this.itemCount = itemCount;
        this.maxLength = maxLength;
        List<int[]> windows = new ArrayList<>();
        for (int[] sequence : sequences) {
            for (int item : sequence) {
                if (item < 1 || item > itemCount) {
                    throw new IllegalArgumentException("item id " + item + " outside 1 … " + itemCount);
                }
            }
            for (int end = sequence.length; end >= 2; end -= maxLength) {
                windows.add(Arrays.copyOfRange(sequence, Math.max(0, end - maxLength - 1), end));
            }
        }
        this.sequences = List.copyOf(windows);
    }

    int size() {
        return sequences.size();
    }

    /** The inputs of row {@code row}: {@code maxLength} ids, padding first. */
    long[] inputs(int row) {
        int[] sequence = sequences.get(row);
        return rightAligned(sequence, sequence.length - 1, maxLength);
    }

    /** The item after each input position (0 where the input is padding). */
    long[] targets(int row) {
        int[] sequence = sequences.get(row);
        long[] out = new long[maxLength];
        int used = Math.min(maxLength, sequence.length - 1);
        for (int i = 0; i < used; i++) {
            out[maxLength - used + i] = sequence[sequence.length - used + i];
        }
        return out;
    }

    /** Items of the catalog, not counting the padding id 0. */
    int itemCount() {
        return itemCount;
    }

    /**
     * {@code count} different items drawn uniformly, the negatives every position of one batch is scored
     * against (all of them when the catalog is no larger). One shared set turns the negative logits into one
     * matrix product; where a negative is a position's own target the loss leaves it out.
     */
    long[] sharedNegatives(int count, Random random) {
        int n = Math.min(count, itemCount);
        long[] out = new long[n];
        java.util.Set<Integer> taken = new java.util.HashSet<>(2 * n);
        for (int i = 0; i < n; i++) {
            int item;
            do {
                item = 1 + random.nextInt(itemCount);
            } while (!taken.add(item));
            out[i] = item;
        }
        return out;
    }

    /** The newest {@code maxLength} of the first {@code end} items, right-aligned: what the model reads. */
    static long[] rightAligned(int[] sequence, int end, int maxLength) {
        long[] out = new long[maxLength];
        int used = Math.min(maxLength, end);
        for (int i = 0; i < used; i++) {
            out[maxLength - used + i] = sequence[end - used + i];
        }
        return out;
    }
}
