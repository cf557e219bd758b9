/**
 * How the job's keyed state is written into checkpoints: a shopper's profile as one block of bytes
 * ({@link dev.recsys.ingest.state.UserProfileSerializer}) instead of field by field.
 */
package dev.recsys.ingest.state;
