/**
 * Item-to-item neighbours and the recent-item neighbours rule ({@link
 * dev.recsys.ranker.neighbours.RecentNeighbourScoring}) over any {@link
 * dev.recsys.ranker.neighbours.ItemNeighbours}: the offline evaluator's ItemKNN lists and the lists a
 * catalog generation serves are scored by the same code.
 */
package dev.recsys.ranker.neighbours;
