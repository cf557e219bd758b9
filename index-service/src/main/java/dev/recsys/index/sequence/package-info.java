/**
 * The sequence model in the service: a generation's trained self-attention model ({@link
 * dev.recsys.index.sequence.ServedSequenceModel}), whose item embeddings the generation's items carry in
 * the {@code seq} vector field and whose shopper embedding the feed computes from the recent list.
 */
package dev.recsys.index.sequence;
