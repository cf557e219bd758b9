package dev.recsys.tools.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLoadGeneratorTest {

    private static int[] draw(String order, int users, int events, long seed) {
        IntSupplier shoppers = EventLoadGenerator.shoppers(order, users, new Random(seed));
        return IntStream.range(0, events).map(i -> shoppers.getAsInt()).toArray();
    }

    @Test
    void shuffledTouchesEveryShopperOncePerRound() {
        int[] picked = draw("shuffled", 1000, 2000, 7);

        for (int round = 0; round < 2; round++) {
            int[] sorted = Arrays.copyOfRange(picked, round * 1000, (round + 1) * 1000);
            Arrays.sort(sorted);
            assertArrayEquals(IntStream.range(0, 1000).toArray(), sorted, "round " + round);
        }
        // Shuffled, with a fresh order each round.
        assertNotEquals(
                IntStream.range(0, 1000).boxed().toList(),
                Arrays.stream(picked, 0, 1000).boxed().toList());
        assertNotEquals(
                Arrays.stream(picked, 0, 1000).boxed().toList(),
                Arrays.stream(picked, 1000, 2000).boxed().toList());
    }

    @Test
    void theSeedFixesTheOrder() {
        assertArrayEquals(draw("shuffled", 500, 500, 3), draw("shuffled", 500, 500, 3));
        assertNotEquals(Arrays.toString(draw("shuffled", 500, 500, 3)), Arrays.toString(draw("shuffled", 500, 500, 4)));
        assertArrayEquals(draw("random", 500, 500, 3), draw("random", 500, 500, 3));
    }

    @Test
    void randomDrawsEachEventsShopperIndependently() {
        int[] picked = draw("random", 1000, 1000, 1);

        assertTrue(Arrays.stream(picked).allMatch(u -> u >= 0 && u < 1000));
        // Independent draws repeat some shoppers and miss others: about 1 - 1/e of them are hit.
        long distinct = Arrays.stream(picked).distinct().count();
        assertTrue(distinct > 550 && distinct < 700, "distinct shoppers: " + distinct);
    }

    @Test
    void aKafkaPropertyFromTheConfigFileReachesTheProducerAndFailsWithKafkasOwnError(@TempDir Path dir)
            throws IOException {
        Path client = Files.writeString(dir.resolve("client.properties"), "security.protocol=NOT_A_PROTOCOL\n");

        ConfigException e = assertThrows(
                ConfigException.class,
                () -> EventLoadGenerator.run(
                        new String[] {"--bootstrap-servers", "127.0.0.1:9", "--kafka-config", client.toString()},
                        quiet(),
                        quiet()));

        assertTrue(e.getMessage().contains("NOT_A_PROTOCOL for configuration security.protocol"), e.getMessage());
    }

    @Test
    void theProjectsAcknowledgementSettingCannotBeReplaced() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = EventLoadGenerator.run(
                new String[] {"--kafka-property", "acks=0"},
                quiet(),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, code);
        assertTrue(
                err.toString(StandardCharsets.UTF_8).startsWith("recsys loadgen: --kafka-property acks cannot be set"));
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownOrderIsRejected() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> EventLoadGenerator.shoppers("sequential", 10, new Random(1)));
        assertEquals("--user-order must be random or shuffled, got 'sequential'", e.getMessage());
    }
}
