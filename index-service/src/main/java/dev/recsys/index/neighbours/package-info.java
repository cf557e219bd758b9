/**
 * Item-to-item neighbour lists of a catalog generation, for the feed's recent-item neighbours: {@link
 * dev.recsys.index.neighbours.NeighbourLists} (as uploaded with trained CF factors), {@link
 * dev.recsys.index.neighbours.NeighbourFile} (the generation's memory-mapped file) and {@link
 * dev.recsys.index.neighbours.NeighbourTables} (the file of the generation a request holds).
 */
package dev.recsys.index.neighbours;
