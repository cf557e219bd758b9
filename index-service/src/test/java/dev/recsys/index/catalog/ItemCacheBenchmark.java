package dev.recsys.index.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.recsys.ranker.json.CatalogItemJson;
import dev.recsys.ranker.records.CatalogItem;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The item cache as feeds use it ({@link StoredItems#itemAt}): 8 request threads each look up candidate
 * items by (segment, doc), reading and putting the ones missing. Popularity follows a Zipf law (exponent
 * 0.9) over {@code items} docs, so a catalog that fits the {@value CatalogIndex#ITEM_CACHE_SIZE}-entry
 * cache is nearly all hits and one four times larger keeps evicting; each run starts from a cache full
 * of the most popular items, as in a service that has been serving. A miss parses the item's JSON, as
 * a real read does (without the stored-fields decompression), so a better hit ratio counts; {@code
 * misses} are reported per microsecond beside the look-ups. {@code cache}: the
 * striped LRU maps the service had, Caffeine with a look-up then a put (what {@code itemAt} does), and
 * Caffeine's computing {@code get}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@Threads(8)
public class ItemCacheBenchmark {
    /** Look-ups each thread cycles through. */
    private static final int SEQUENCE = 1 << 16;

    @Param({"striped-lru", "caffeine", "caffeine-compute"})
    String cache;

    @Param({"50000", "400000"})
    int items;

    private record SegmentDoc(Object segment, int doc) {}

    private final Object segment = new Object();
    private StripedLruBaseline<SegmentDoc, CatalogItem> striped;
    private Cache<SegmentDoc, CatalogItem> caffeine;
    private double[] cumulative;
    /** The stored JSON of 1,000 sample items; doc {@code d} is item {@code d % 1000}. */
    private String[] stored;

    @Setup
    public void setUp() {
        striped = new StripedLruBaseline<>(CatalogIndex.ITEM_CACHE_SIZE, 64);
        caffeine =
                Caffeine.newBuilder().maximumSize(CatalogIndex.ITEM_CACHE_SIZE).build();
        List<CatalogItem> sample = SampleCatalog.generate(1_000, 7);
        stored = sample.stream().map(CatalogItemJson::write).toArray(String[]::new);
        cumulative = new double[items];
        double sum = 0;
        for (int rank = 0; rank < items; rank++) {
            sum += 1 / Math.pow(rank + 1, 0.9);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < items; rank++) {
            cumulative[rank] /= sum;
        }
        // Measured from a full cache, as a service that has been serving: the most popular items in it.
        for (int rank = 0; rank < Math.min(items, CatalogIndex.ITEM_CACHE_SIZE); rank++) {
            SegmentDoc key = new SegmentDoc(segment, doc(rank));
            CatalogItem item = CatalogItemJson.parse(stored[key.doc() % stored.length]);
            striped.get(key, k -> item);
            caffeine.put(key, item);
        }
    }

    /** The doc of a popularity rank: popular items are scattered over the doc ids. */
    private int doc(int rank) {
        return (int) ((rank * 0x9E3779B1L) % items);
    }

    /** One thread's look-ups: docs drawn by popularity, popular ranks scattered over the doc ids. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Requests {
        int[] docs;
        int next;
        public long misses;

        @Setup
        public void setUp(ItemCacheBenchmark benchmark, ThreadParams thread) {
            Random random = new Random(42 + thread.getThreadIndex());
            docs = new int[SEQUENCE];
            for (int i = 0; i < SEQUENCE; i++) {
                int rank = Arrays.binarySearch(benchmark.cumulative, random.nextDouble());
                rank = rank < 0 ? -rank - 1 : rank;
                docs[i] = benchmark.doc(rank);
            }
        }
    }

    @Benchmark
    public CatalogItem lookUp(Requests requests) {
        int doc = requests.docs[requests.next++ & (SEQUENCE - 1)];
        SegmentDoc key = new SegmentDoc(segment, doc);
        return switch (cache) {
            case "striped-lru" -> striped.get(key, k -> read(k, requests));
            case "caffeine" -> {
                CatalogItem item = caffeine.getIfPresent(key);
                if (item == null) {
                    item = read(key, requests);
                    caffeine.put(key, item);
                }
                yield item;
            }
            case "caffeine-compute" -> caffeine.get(key, k -> read(k, requests));
            default -> throw new IllegalStateException(cache);
        };
    }

    /** What a miss costs: the item parsed from its stored JSON. */
    private CatalogItem read(SegmentDoc key, Requests requests) {
        requests.misses++;
        return CatalogItemJson.parse(stored[key.doc() % stored.length]);
    }
}
