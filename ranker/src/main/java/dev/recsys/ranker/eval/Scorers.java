package dev.recsys.ranker.eval;

import dev.recsys.ranker.cf.AlsModel;
import dev.recsys.ranker.cf.ImplicitFoldIn;
import dev.recsys.ranker.cf.RatingMatrix;
import dev.recsys.ranker.profile.ProfileConfig;
import dev.recsys.ranker.profile.ProfileUpdater;
import dev.recsys.ranker.sequence.SequenceEncoder;
import dev.recsys.ranker.sequence.SequenceFilter;
import dev.recsys.ranker.sequence.SequenceWeights;
import dev.recsys.ranker.vector.VectorMath;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;

/** The score functions of the baselines and of the hybrid's sources. */
public final class Scorers {
    private Scorers() {}

    /** Popularity: {@code ln(1 + shoppers)}, the same for every shopper (MostPopular). */
    public static PointScores popularity(TrainingData data) {
        double[] scores = new double[data.items()];
        long[] counts = data.popularity();
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.log1p(counts[i]);
        }
        return new PointScores() {
            @Override
            public double[] scores(int user) {
                return scores.clone();
            }

            @Override
            public IntToDoubleFunction scorer(int user) {
                return item -> scores[item];
            }
        };
    }

    /**
     * Implicit ALS: {@code x_u · y_i}, with x_u folded in from the shopper's training interactions against
     * the trained item factors by {@link ImplicitFoldIn}, as the stream job computes it.
     */
    public static PointScores als(TrainingData data, AlsModel model) {
        ImplicitFoldIn foldIn = model.foldIn();
        float[][] y = model.itemFactors();
        RatingMatrix matrix = data.matrix();
        IntFunction<float[]> userVector = user -> {
            int[] items = matrix.itemsOf(user);
            float[] weights = matrix.weightsOf(user);
            float[][] factors = new float[items.length][];
            double[] w = new double[items.length];
            for (int n = 0; n < items.length; n++) {
                factors[n] = y[items[n]];
                w[n] = weights[n];
            }
            return foldIn.solve(factors, w);
        };
        return new PointScores() {
            @Override
            public double[] scores(int user) {
                float[] x = userVector.apply(user);
                double[] scores = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    scores[i] = VectorMath.dot(x, y[i]);
                }
                return scores;
            }

            @Override
            public IntToDoubleFunction scorer(int user) {
                float[] x = userVector.apply(user);
                return item -> VectorMath.dot(x, y[item]);
            }
        };
    }

    /**
     * Content: the cosine between the shopper's content profile, built by {@link ProfileUpdater} replaying
     * their training interactions in event-time order (the stream job's code path), and each item's
     * content vector.
     */
    public static PointScores content(
            TrainingData data, List<String> itemIds, float[][] itemContent, ProfileConfig config) {
        Profiles profiles = new Profiles(data, itemIds, itemContent, config);
        float[][] items = new float[itemContent.length][];
        for (int i = 0; i < items.length; i++) {
            items[i] = VectorMath.normalized(itemContent[i]);
        }
        return new PointScores() {
            @Override
            public double[] scores(int user) {
                double[] scores = new double[items.length];
                float[] profile = profiles.content(user);
                if (profile != null) {
                    for (int i = 0; i < items.length; i++) {
                        scores[i] = VectorMath.dot(profile, items[i]);
                    }
                }
                return scores;
            }

            @Override
            public IntToDoubleFunction scorer(int user) {
                float[] profile = profiles.content(user);
                return profile == null ? item -> 0.0 : item -> VectorMath.dot(profile, items[item]);
            }
        };
    }

    /**
     * The sequence model: {@code e_u · v_i}, with e_u the model's embedding of the shopper's recent list
     * ({@link SequenceHistories#recent}) by {@link SequenceEncoder}, as the feed computes it, and v_i the
     * model's item embedding. A shopper whose list the model does not read scores 0 everywhere.
     */
    public static PointScores sequence(
            Profiles profiles, SequenceWeights weights, ProfileConfig config, SequenceFilter filter) {
        SequenceEncoder encoder = new SequenceEncoder(weights);
        float[][] table = weights.items();
        IntFunction<float[]> userVector = user -> {
            int[] history = SequenceHistories.recent(profiles, user, config, filter);
            return history.length == 0 ? null : encoder.embed(history);
        };
        return new PointScores() {
            @Override
            public double[] scores(int user) {
                double[] scores = new double[table.length - 1];
                float[] x = userVector.apply(user);
                if (x != null) {
                    for (int i = 0; i < scores.length; i++) {
                        scores[i] = VectorMath.dot(x, table[i + 1]);
                    }
                }
                return scores;
            }

            @Override
            public IntToDoubleFunction scorer(int user) {
                float[] x = userVector.apply(user);
                return x == null ? item -> 0.0 : item -> VectorMath.dot(x, table[item + 1]);
            }
        };
    }
}
