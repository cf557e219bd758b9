/**
 * The shopper profile update rule, shared by the stream job (which applies it event by event) and by
 * offline evaluation (which replays history through it), so that both compute the same vectors.
 *
 * <p>The content profile is a time-decayed, event-weighted sum of the content vectors of the items a
 * shopper interacted with: {@code Σ w(type) · 2^(−(T − t)/halfLife) · v(item)}, T being the newest
 * event time applied. A purchase weighs more than a view; a dislike has a negative weight and pushes
 * the profile away; a rating pulls or pushes by how far it is from neutral. Because decay is measured
 * from T, the sum does not depend on the order events arrive in: late events are applied, not
 * dropped, and a replay converges to the same vector. The published vector is the sum L2-normalised.
 *
 * <p>{@link dev.recsys.ranker.profile.UserProfile} is the state (flat fields and arrays, cheap for
 * Flink to serialise), {@link dev.recsys.ranker.profile.ProfileConfig} the knobs, {@link
 * dev.recsys.ranker.profile.ProfileUpdater} the rule.
 */
package dev.recsys.ranker.profile;
