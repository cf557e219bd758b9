package dev.recsys.index.catalog;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.search.IndexSearcher;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The newest-lists and cold-start memos as feeds use them: 8 request threads ask for the answer of one of
 * 16 filters (a few categories cover nearly all requests), on the current searcher, so nearly every
 * look-up is a hit; one in 4,096 is a miss that puts a fresh answer, as after a refresh. {@code memo}:
 * the synchronized access-ordered map the service had, or {@link SearcherMemo} on Caffeine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@Threads(8)
public class SearcherMemoBenchmark {
    private static final int FILTERS = 16;

    @Param({"synchronized-lru", "caffeine"})
    String memo;

    private IndexSearcher searcher;
    private final Integer[] answers = new Integer[FILTERS];
    private SynchronizedMemoBaseline<Integer, Integer> baseline;
    private SearcherMemo<Integer, Integer> caffeine;

    @Setup
    public void setUp() throws IOException {
        searcher = new IndexSearcher(new MultiReader());
        baseline = new SynchronizedMemoBaseline<>(64);
        caffeine = new SearcherMemo<>(64);
        for (int filter = 0; filter < FILTERS; filter++) {
            answers[filter] = 1_000 + filter;
            baseline.put(filter, searcher, answers[filter]);
            caffeine.put(filter, searcher, answers[filter]);
        }
    }

    /** One thread's position in the filters it cycles through. */
    @State(Scope.Thread)
    public static class Requests {
        int next;
    }

    @Benchmark
    public Integer lookUp(Requests requests) {
        int n = requests.next++;
        int filter = (n * 7) & (FILTERS - 1);
        boolean refreshed = (n & 4095) == 0;
        if ("caffeine".equals(memo)) {
            if (refreshed) {
                caffeine.put(filter, searcher, answers[filter]);
            }
            return caffeine.get(filter, searcher);
        }
        if (refreshed) {
            baseline.put(filter, searcher, answers[filter]);
        }
        return baseline.get(filter, searcher);
    }
}
