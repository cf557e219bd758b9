/**
 * Trained collaborative-filtering factors on their way into a catalog generation: {@link
 * dev.recsys.index.cf.CfFactors} (YᵀY, hyper-parameters and one factor per item), read by {@link
 * dev.recsys.index.cf.CfFactorsReader} from what {@code recsys train} writes or uploads, and {@link
 * dev.recsys.index.cf.CfModelPublisher}, which hands the model of a live generation to the stream job.
 */
package dev.recsys.index.cf;
