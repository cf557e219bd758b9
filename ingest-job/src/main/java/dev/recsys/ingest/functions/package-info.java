/**
 * The job's operators, one class each, in pipeline order: {@link
 * dev.recsys.ingest.functions.ParseInteraction} (validation, dead letters), {@link
 * dev.recsys.ingest.functions.ParseItemVectors}, {@link
 * dev.recsys.ingest.functions.JoinItemVectors} (keyed by item), {@link
 * dev.recsys.ingest.functions.ParseErasure}, {@link dev.recsys.ingest.functions.UpdateProfile} (keyed
 * by shopper: interactions and erasures). Each is tested on its own with
 * Flink's operator test harnesses.
 */
package dev.recsys.ingest.functions;
