package dev.recsys.ranker.fairness;

import dev.recsys.ranker.rank.BlendWeights;
import dev.recsys.ranker.rank.Candidate;
import dev.recsys.ranker.rank.RankedItem;
import dev.recsys.ranker.rank.ScoreBlender;
import dev.recsys.ranker.rank.ScoreSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Re-ranking one feed: {@code candidates} items with CF, content and popularity scores, 30% of them
 * protected, from 40 sellers, blended and then put through the fairness pass (FA*IR at p = 0.3, α =
 * 0.1 adjusted, at most 30% per seller) for the top {@code k}. {@code rerank} is the fairness pass
 * alone over the blended list; {@code blendAndRerank} is both, what a request pays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RerankBenchmark {
    @Param({"500"})
    int candidates;

    @Param({"20"})
    int k;

    private final ScoreBlender blender = new ScoreBlender();
    private final FairReranker reranker = new FairReranker(FairnessConfig.defaults());
    private List<Candidate> pool;
    private List<RankedItem> blended;
    private BlendWeights weights;

    @Setup
    public void setUp() {
        Random random = new Random(20);
        pool = new ArrayList<>(candidates);
        for (int i = 0; i < candidates; i++) {
            Map<ScoreSource, Double> scores = new EnumMap<>(ScoreSource.class);
            scores.put(ScoreSource.CF, random.nextGaussian());
            scores.put(ScoreSource.CONTENT, random.nextDouble() * 2 - 1);
            scores.put(ScoreSource.POPULARITY, random.nextDouble());
            // Protected items score lower on average, as long-tail items do: the quota has work to do.
            boolean protectedItem = random.nextDouble() < 0.3;
            if (protectedItem) {
                scores.put(ScoreSource.CF, scores.get(ScoreSource.CF) - 1);
            }
            pool.add(new Candidate(
                    "item-" + i,
                    "seller-" + random.nextInt(40),
                    "dept>aisle-" + random.nextInt(20),
                    protectedItem,
                    scores,
                    Set.of("knn-cf")));
        }
        weights = BlendWeights.defaults();
        blended = blender.blend(pool, weights);
        reranker.table(k); // the FA*IR table is computed once per k and cached
    }

    @Benchmark
    public FairRanking rerank() {
        return reranker.rerank(blended, k);
    }

    @Benchmark
    public FairRanking blendAndRerank() {
        return reranker.rerank(blender.blend(pool, weights), k);
    }
}
