package dev.recsys.ranker.neighbours;

/**
 * Each item's nearest items by item-to-item similarity, most similar first, items named by a dense
 * index. Offline the lists live in {@link dev.recsys.ranker.eval.ItemKnn}; in the service they are a
 * catalog generation's memory-mapped neighbour file. Both are read through this one view so that
 * {@link RecentNeighbourScoring} is the same code in both places.
 */
public interface ItemNeighbours {
    /** How many neighbours {@code item} has (0 when it has none). */
    int neighbourCount(int item);

    /** The index of the {@code n}-th nearest neighbour of {@code item}, {@code n < neighbourCount(item)}. */
    int neighbour(int item, int n);

    /** The similarity of {@code item} to its {@code n}-th nearest neighbour. */
    float similarity(int item, int n);
}
