package dev.recsys.index.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Items per second of {@link TransformerEmbedder#embedAll} over the 49,688 Instacart product names, one
 * thread per core. A measurement, not a check: it takes about a minute, so it runs only when asked:
 *
 * <pre>
 * ./mvnw -B -q -o -pl index-service -am test -Dtest=TransformerEmbedderThroughputTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Drecsys.embed.throughput=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "recsys.embed.throughput", matches = "true")
class TransformerEmbedderThroughputTest {

    @Test
    void embedsTheInstacartProductNames() throws IOException {
        String root = System.getProperty("recsys.shared.data", "../../shared/data");
        Path products = Path.of(root, "instacart-products", "products.csv");
        assumeTrue(Files.isRegularFile(products), "no " + products);
        List<String> names = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (Reader in = Files.newBufferedReader(products);
                CSVParser parser = format.parse(in)) {
            for (CSVRecord record : parser) {
                names.add(record.get("product_name"));
            }
        }
        try (TransformerEmbedder embedder = TransformerEmbedder.open()) {
            embedder.embedAll(names.subList(0, 500)); // warm-up
            long start = System.nanoTime();
            float[][] vectors = embedder.embedAll(names);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(names.size(), vectors.length);
            long tokens = 0;
            for (String name : names) {
                tokens += embedder.tokenIds(name).length;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d product names (%.1f tokens each, [CLS] and [SEP] included) in %.1f s on %d threads:"
                            + " %.0f items/s%n",
                    embedder,
                    names.size(),
                    (double) tokens / names.size(),
                    seconds,
                    embedder.threads(),
                    names.size() / seconds);
        }
    }
}
