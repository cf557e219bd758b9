/**
 * The live shopper vectors: {@link dev.recsys.index.users.UserVectorConsumer} reads the compacted
 * {@code user-vectors} topic from the beginning into {@link dev.recsys.index.users.UserVectorStore},
 * which keeps the record that supersedes the others per shopper (a later erasure, then the higher
 * {@code version}) so replays never move a shopper back in time, and which forgets erased shoppers and
 * refuses their records from before the erasure.
 *
 * <p>The store keeps the shoppers' CF vectors in a {@link dev.recsys.index.users.ShopperIndex}
 * (HNSW, cosine), from which {@link dev.recsys.index.users.SimilarShoppers} proposes what similar
 * shoppers recently engaged with.
 */
package dev.recsys.index.users;
