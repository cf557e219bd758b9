/**
 * The sequence model at serving time: a trained SASRec-style Transformer's weights ({@link
 * dev.recsys.ranker.sequence.SequenceWeights}) and its forward pass in plain Java ({@link
 * dev.recsys.ranker.sequence.SequenceEncoder}), the one code path the stream job, the service and the
 * offline evaluation share. Training is in the tools module (DJL on PyTorch).
 */
package dev.recsys.ranker.sequence;
