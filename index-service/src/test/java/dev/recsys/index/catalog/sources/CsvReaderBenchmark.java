package dev.recsys.index.catalog.sources;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Reading the Instacart products.csv (49,688 products, 2 MB; from {@code ../shared/data}, or the folder
 * {@code -Drecsys.shared.data} names) record by record, as a reindex's two passes do, from memory so the
 * figure is the parser's. {@code reader}: the hand-written reader the service had, or {@link CsvReader}
 * on commons-csv.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CsvReaderBenchmark {
    @Param({"hand-written", "commons-csv"})
    String reader;

    private String products;

    @Setup
    public void setUp() throws IOException {
        Path file = Path.of(System.getProperty("recsys.shared.data", "../shared/data"))
                .resolve("instacart-products/products.csv");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    file.toAbsolutePath() + " is absent; -Drecsys.shared.data=DIR names the data");
        }
        products = Files.readString(file);
    }

    /** The number of fields read, so that nothing is optimised away. */
    @Benchmark
    public long readAll() throws IOException {
        long fields = 0;
        if ("hand-written".equals(reader)) {
            try (HandWrittenCsvBaseline csv = new HandWrittenCsvBaseline(new StringReader(products))) {
                for (HandWrittenCsvBaseline.Row row = csv.read(); row != null; row = csv.read()) {
                    fields += row.fields().size() + row.line();
                }
            }
            return fields;
        }
        try (CsvReader csv = new CsvReader(new StringReader(products))) {
            for (CsvReader.Row row = csv.read(); row != null; row = csv.read()) {
                fields += row.fields().size() + row.line();
            }
        }
        return fields;
    }
}
