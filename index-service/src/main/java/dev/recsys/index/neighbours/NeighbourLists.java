package dev.recsys.index.neighbours;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Neighbour lists as they arrive with uploaded CF factors, held compactly until the build writes them as a
 * {@link NeighbourFile}: itemIds interned to ints, all lists in two growing primitive arrays (8 bytes per
 * neighbour, plus a map entry and the id per item). Each list is checked by the reader before it is added.
 */
public final class NeighbourLists implements TrainedNeighbours {
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private int[] spanStart = new int[1024]; // by interned item: first entry of its list, -1 for none
    private int[] spanCount = new int[1024];
    private int lists;
    private int[] neighbours = new int[1024];
    private float[] similarities = new float[1024];
    private int entries;
    private int maxK;

    /**
     * Adds one item's list.
     *
     * @throws IllegalArgumentException when the item already has one
     */
    public void add(String itemId, List<String> neighbourIds, float[] sims) {
        if (neighbourIds.size() != sims.length) {
            throw new IllegalArgumentException("neighbours and similarities differ in length");
        }
        int item = intern(itemId);
        if (spanStart[item] >= 0) {
            throw new IllegalArgumentException("'" + itemId + "' has two neighbour lists");
        }
        if (entries + sims.length > NeighbourFile.MAX_SECTION / 4) {
            throw new IllegalArgumentException("too many neighbours for one generation");
        }
        grow(entries + sims.length);
        spanStart[item] = entries;
        spanCount[item] = sims.length;
        lists++;
        for (int n = 0; n < sims.length; n++) {
            neighbours[entries] = intern(neighbourIds.get(n));
            similarities[entries] = sims[n];
            entries++;
        }
        maxK = Math.max(maxK, sims.length);
    }

    private int intern(String itemId) {
        Integer known = index.get(itemId);
        if (known != null) {
            return known;
        }
        int item = ids.size();
        if (item == spanStart.length) {
            spanStart = Arrays.copyOf(spanStart, 2 * item);
            spanCount = Arrays.copyOf(spanCount, 2 * item);
        }
        spanStart[item] = -1;
        index.put(itemId, item);
        ids.add(itemId);
        return item;
    }

    private void grow(int needed) {
        if (needed > neighbours.length) {
            int size = (int) Math.min(Math.max(needed, 2L * neighbours.length), Integer.MAX_VALUE - 8);
            neighbours = Arrays.copyOf(neighbours, size);
            similarities = Arrays.copyOf(similarities, size);
        }
    }

    @Override
    public int lists() {
        return lists;
    }

    @Override
    public int maxK() {
        return maxK;
    }

    @Override
    public boolean hasList(String itemId) {
        Integer item = index.get(itemId);
        return item != null && spanStart[item] >= 0;
    }

    /** Sorts the ids by their UTF-8 bytes (the file's order, searched without decoding) and writes. */
    @Override
    public void writeTo(Path file) throws IOException {
        int n = ids.size();
        byte[][] bytes = new byte[n][];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = ids.get(i).getBytes(StandardCharsets.UTF_8);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> bytes[i], Arrays::compareUnsigned));
        int[] rank = new int[n];
        byte[][] sorted = new byte[n][];
        for (int r = 0; r < n; r++) {
            rank[order[r]] = r;
            sorted[r] = bytes[order[r]];
        }
        int[] listStart = new int[n + 1];
        int[] outNeighbours = new int[entries];
        float[] outSimilarities = new float[entries];
        int at = 0;
        for (int r = 0; r < n; r++) {
            listStart[r] = at;
            int item = order[r];
            if (spanStart[item] >= 0) {
                for (int e = spanStart[item]; e < spanStart[item] + spanCount[item]; e++) {
                    outNeighbours[at] = rank[neighbours[e]];
                    outSimilarities[at] = similarities[e];
                    at++;
                }
            }
        }
        listStart[n] = at;
        NeighbourFile.write(file, sorted, listStart, outNeighbours, outSimilarities, maxK);
    }
}
