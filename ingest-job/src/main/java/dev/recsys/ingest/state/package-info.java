/**
 * The job's keyed-state values and how they are written into checkpoints: a shopper's profile
 * ({@link dev.recsys.ingest.state.UserProfileSerializer}) and an item's recently seen event ids
 * ({@link dev.recsys.ingest.state.SeenEventIds}), each as one block of bytes
 * ({@link dev.recsys.ingest.state.BlockSerializer}) instead of field by field.
 */
package dev.recsys.ingest.state;
