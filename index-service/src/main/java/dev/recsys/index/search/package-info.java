/**
 * Text search personalised for the shopper: BM25 and query-vector retrieval fused by reciprocal rank
 * (Cormack, Clarke and Büttcher, SIGIR 2009), then blended with the shopper's content score and
 * re-ranked by the fairness pass.
 */
package dev.recsys.index.search;
