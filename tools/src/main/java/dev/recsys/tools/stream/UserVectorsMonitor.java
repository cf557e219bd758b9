package dev.recsys.tools.stream;

import dev.recsys.cli.Cli;
import dev.recsys.cli.Converters;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import dev.recsys.cli.kafka.KafkaOptions;
import dev.recsys.ranker.records.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Watches the job's output, {@code user-vectors}, for benchmarks.
 *
 * <ul>
 *   <li>{@code --mode throughput --expect N}: samples the topic's end offsets every second until N
 *       records were written past the offsets at start (or output stalls for 30 s), and reports
 *       the sustained rate between 10% and 90% of N (start-up and tail left out).
 *   <li>{@code --mode freshness --duration S}: reads the records written from now on for S
 *       seconds and reports percentiles of record timestamp (the job's producer clock when it
 *       wrote the record) minus {@code eventTs} (the newest event time applied, which for live
 *       traffic is the event that caused the record).
 * </ul>
 */
@Command(
        name = "recsys ingest-monitor",
        description = "Follows the stream job's output, user-vectors: its sustained rate (--mode throughput) or"
                + " event -> user-vectors freshness (--mode freshness).")
public final class UserVectorsMonitor implements Callable<Integer> {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new UserVectorsMonitor());
    }

    private static final Pattern EVENT_TS = Pattern.compile("\"eventTs\"\\s*:\\s*(\\d+)");

    @Mixin
    private KafkaOptions kafka;

    @Option(
            names = "--mode",
            paramLabel = "throughput|freshness",
            defaultValue = "throughput",
            description = "what to measure")
    private String mode;

    @Option(
            names = "--expect",
            paramLabel = "N",
            defaultValue = "100000",
            converter = Converters.WholeNumber.class,
            description = "throughput: records written past the offsets at start before it reports")
    private long expect;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = Converters.ShortDuration.class,
            description = "freshness: how long to read, e.g. 60 (seconds), 60s, PT1M")
    private Duration duration;

    private UserVectorsMonitor() {}

    public static void main(String[] args) throws Exception {
        System.exit(Cli.run(new UserVectorsMonitor(), args, Map.of(), System.out, System.err));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!mode.equals("throughput") && !mode.equals("freshness")) {
            throw new UsageException("--mode must be throughput or freshness, got '" + mode + "'");
        }
        Properties props = new Properties();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(kafka.settings().clientProperties(props))) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.USER_VECTORS, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            if (mode.equals("throughput")) {
                throughput(consumer, partitions, Ranges.between("--expect", expect, 1, Long.MAX_VALUE));
            } else {
                freshness(consumer, partitions, duration);
            }
        }
        return 0;
    }

    private static long total(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        return end.values().stream().mapToLong(Long::longValue).sum();
    }

    static void throughput(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, long expect)
            throws InterruptedException {
        long base = total(consumer, partitions);
        long start = System.nanoTime();
        List<long[]> samples = new ArrayList<>(); // {nanos since start, records}
        long last = 0;
        long lastChange = start;
        while (last < expect && System.nanoTime() - lastChange < 30_000_000_000L) {
            Thread.sleep(1000);
            long now = System.nanoTime();
            long written = total(consumer, partitions) - base;
            if (written != last) {
                lastChange = now;
            }
            samples.add(new long[] {now - start, written});
            System.out.printf(Locale.ROOT, "  t=%5.1f s  user-vectors written %,d%n", (now - start) / 1e9, written);
            last = written;
        }
        long[] from = first(samples, expect / 10);
        long[] to = first(samples, expect * 9 / 10);
        if (from == null || to == null || to[0] <= from[0]) {
            System.out.printf(
                    Locale.ROOT, "throughput: only %,d of %,d records written; no steady rate%n", last, expect);
            return;
        }
        double rate = (to[1] - from[1]) / ((to[0] - from[0]) / 1e9);
        System.out.printf(
                Locale.ROOT,
                "throughput: %,.0f events/s sustained (10%%..90%% of %,d), all %,d in %.1f s%n",
                rate,
                expect,
                last,
                samples.get(samples.size() - 1)[0] / 1e9);
    }

    private static long[] first(List<long[]> samples, long records) {
        return samples.stream().filter(s -> s[1] >= records).findFirst().orElse(null);
    }

    static void freshness(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions, Duration duration) {
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        long end = System.nanoTime() + duration.toNanos();
        long[] lags = new long[1 << 16];
        int n = 0;
        while (System.nanoTime() < end) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() == null) {
                    continue; // an erased shopper's tombstone
                }
                Matcher m = EVENT_TS.matcher(record.value());
                if (!m.find()) {
                    continue;
                }
                if (n == lags.length) {
                    lags = Arrays.copyOf(lags, n * 2);
                }
                lags[n++] = record.timestamp() - Long.parseLong(m.group(1));
            }
        }
        if (n == 0) {
            System.out.println("freshness: no user-vectors records in " + duration.toSeconds() + " s");
            return;
        }
        long[] sorted = Arrays.copyOf(lags, n);
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "freshness event -> user-vectors over %,d records: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                n,
                percentile(sorted, 0.50),
                percentile(sorted, 0.90),
                percentile(sorted, 0.99),
                sorted[n - 1]);
    }

    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
