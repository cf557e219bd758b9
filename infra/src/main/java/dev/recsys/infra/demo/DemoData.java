package dev.recsys.infra.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The demo's data folder, kept between runs so that shoppers, the catalog and the stream job's state
 * survive a restart:
 *
 * <pre>
 * data/demo/
 *   kafka/                 the broker (topics and records, KRaft metadata, broker.log)
 *   service/index/         the index service's catalog generations and CURRENT/PREVIOUS
 *   service/embeddings/    the Transformer's embedding cache (vectors by item text)
 *   ingest/checkpoints/    the stream job's retained checkpoints (job id/chk-N)
 *   logs/                  the job's and the service's logs of the last run
 * </pre>
 *
 * <p>{@link #wipe()} deletes it all for {@code --fresh}, but only after checking that every entry is
 * one the demo writes: a {@code --data} pointing at some other folder is refused, not emptied.
 */
final class DemoData {

    /** What each of the demo's folders may hold; anything else means --data points somewhere unexpected. */
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "kafka", Set.of("server.properties", "log4j2.xml", "broker.log", "kraft"),
            "service", Set.of("index", "embeddings"),
            "ingest", Set.of("checkpoints"),
            "logs", Set.of());

    private final Path dir;

    DemoData(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    Path dir() {
        return dir;
    }

    /**
     * What an earlier run left that this one reuses, as the one line the demo prints, e.g.
     * {@code Reusing data/demo: Kafka data, catalog generation 3, stream-job checkpoints; ./recsys demo
     * --fresh starts clean}. Empty when there is nothing to reuse.
     */
    Optional<String> reuseNotice() throws IOException {
        List<String> found = new ArrayList<>();
        if (Files.exists(dir.resolve("kafka/kraft/meta.properties"))) {
            found.add("Kafka data");
        }
        Path current = dir.resolve("service/index/CURRENT");
        if (Files.isRegularFile(current)) {
            found.add("catalog generation "
                    + Files.readString(current, StandardCharsets.UTF_8).strip());
        }
        if (hasCheckpoint(dir.resolve("ingest/checkpoints"))) {
            found.add("stream-job checkpoints");
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                "Reusing " + shown(dir) + ": " + String.join(", ", found) + "; ./recsys demo --fresh starts clean");
    }

    /**
     * Deletes everything earlier runs left in the folder.
     *
     * @return whether there was anything to delete
     * @throws IOException naming the unexpected entries if the folder holds anything the demo does not
     *     write (then nothing is deleted)
     */
    boolean wipe() throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        List<String> foreign = foreignEntries();
        if (!foreign.isEmpty()) {
            throw new IOException(shown(dir) + " does not look like a demo data folder (it holds " + foreign
                    + "); choose another --data folder");
        }
        boolean deletedAny = false;
        for (String folder : EXPECTED.keySet()) {
            Path sub = dir.resolve(folder);
            if (Files.exists(sub)) {
                deleteRecursively(sub);
                deletedAny = true;
            }
        }
        return deletedAny;
    }

    /** The entries (relative to the folder) that the demo does not write; logs may hold anything. */
    private List<String> foreignEntries() throws IOException {
        List<String> foreign = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                Set<String> allowed = EXPECTED.get(name);
                if (allowed == null || !Files.isDirectory(entry)) {
                    foreign.add(name);
                } else if (!name.equals("logs")) {
                    try (Stream<Path> inner = Files.list(entry)) {
                        inner.map(p -> p.getFileName().toString())
                                .filter(n -> !allowed.contains(n))
                                .sorted()
                                .forEach(n -> foreign.add(name + "/" + n));
                    }
                }
            }
        }
        return foreign;
    }

    /** Whether a completed checkpoint ({@code <job id>/chk-N/_metadata}) exists under the folder. */
    private static boolean hasCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (Stream<Path> paths = Files.find(
                checkpoints,
                3,
                (path, attributes) -> path.getFileName().toString().equals("_metadata")
                        && path.getParent().getFileName().toString().startsWith("chk-"))) {
            return paths.findAny().isPresent();
        }
    }

    /** A path as the user would type it: relative to the working folder when inside it. */
    static String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingDir = Path.of("").toAbsolutePath();
        if (absolute.startsWith(workingDir) && !absolute.equals(workingDir)) {
            return workingDir.relativize(absolute).toString();
        }
        return absolute.toString();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
