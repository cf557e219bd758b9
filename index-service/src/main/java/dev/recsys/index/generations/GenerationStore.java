package dev.recsys.index.generations;

import dev.recsys.index.catalog.CatalogIndex;
import dev.recsys.index.catalog.IndexSettings;
import dev.recsys.index.embed.Embedders;
import dev.recsys.index.embed.TextEmbedder;
import dev.recsys.index.neighbours.NeighbourFile;
import dev.recsys.index.neighbours.TrainedNeighbours;
import dev.recsys.ranker.cf.CfModel;
import dev.recsys.ranker.json.CfModelJson;
import dev.recsys.ranker.json.SequenceModelJson;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog generations on disk, under one root ({@code <data>/index}):
 *
 * <pre>
 * index/
 *   gen-00000007/     a Lucene index, embedder.json (the embedder it was built with; embedder.idf
 *                     too for the hashed one), READY, and
 *                     cf-model.json when its items carry trained CF factors, item-neighbours.bin
 *                     when that training shipped item-to-item neighbour lists, sequence-model.json
 *                     when its items carry a trained sequence model's embeddings
 *   gen-00000008/
 *   CURRENT           "8": the generation that serves
 *   PREVIOUS          "7": the one a rollback returns to
 * </pre>
 *
 * <p>A generation is complete only once its {@value #READY} marker exists; the marker is written after
 * the build was committed and validated, so a directory without it is what a crash mid-build leaves
 * behind. The pointer files are replaced atomically (a temporary file, fsync, then an atomic rename), so
 * a reader sees the old or the new pointer, never half a file. {@link #cleanUp} removes incomplete
 * directories and every generation other than CURRENT and PREVIOUS.
 *
 * <p>Thread-safe; the {@link Reindexer} is the only writer while the service runs.
 */
public final class GenerationStore {
    public static final String READY = "READY";
    public static final String CURRENT = "CURRENT";
    public static final String PREVIOUS = "PREVIOUS";
    /** The CF model (YᵀY and hyper-parameters) of a generation built with CF factors. */
    public static final String CF_MODEL_FILE = "cf-model.json";
    /** The sequence model ({@link SequenceModelJson}) of a generation built with one. */
    public static final String SEQUENCE_MODEL_FILE = "sequence-model.json";

    private static final Logger LOG = LoggerFactory.getLogger(GenerationStore.class);
    private static final Pattern NAME = Pattern.compile("gen-(\\d{8})");

    private final Path root;
    private final IndexSettings settings;
    private final Embedders embedders;

    /** @param embedders the Transformers generations built with one are opened with */
    public GenerationStore(Path root, IndexSettings settings, Embedders embedders) throws IOException {
        this.root = Objects.requireNonNull(root, "root");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.embedders = Objects.requireNonNull(embedders, "embedders");
        Files.createDirectories(root);
    }

    public Path root() {
        return root;
    }

    public IndexSettings settings() {
        return settings;
    }

    public Embedders embedders() {
        return embedders;
    }

    /** The directory of generation {@code n}: {@code gen-} and {@code n} zero-padded to eight digits. */
    public Path directory(long generation) {
        if (generation < 1 || generation > 99_999_999L) {
            throw new IllegalArgumentException("generation must be between 1 and 99999999, got " + generation);
        }
        return root.resolve(String.format(Locale.ROOT, "gen-%08d", generation));
    }

    /** Every generation directory, complete or not, in ascending order. */
    public synchronized List<Long> directories() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                Matcher m = NAME.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isDirectory(entry)) {
                    out.add(Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The complete generations (with a READY marker), ascending. */
    public List<Long> generations() {
        return directories().stream().filter(this::isReady).toList();
    }

    public boolean isReady(long generation) {
        return Files.isRegularFile(directory(generation).resolve(READY));
    }

    /** Creates the directory of a new generation, numbered one above every existing one. */
    public synchronized long allocate() throws IOException {
        long next = 1;
        for (long n : directories()) {
            next = Math.max(next, n + 1);
        }
        OptionalLong current = current();
        OptionalLong previous = previous();
        if (current.isPresent()) {
            next = Math.max(next, current.getAsLong() + 1);
        }
        if (previous.isPresent()) {
            next = Math.max(next, previous.getAsLong() + 1);
        }
        Files.createDirectories(directory(next));
        return next;
    }

    /**
     * Saves which embedder a generation being built uses (and the hashed embedder's idf), so that a
     * restart re-opens it identically.
     */
    public void saveEmbedder(long generation, TextEmbedder embedder) throws IOException {
        GenerationEmbedder.save(directory(generation), embedder, (target, body) -> {
            Path temp = target.resolveSibling(target.getFileName() + ".tmp");
            body.writeTo(temp);
            fsync(temp);
            move(temp, target);
        });
    }

    /** Saves the CF model whose factors a generation being built carries (before it is marked ready). */
    public void saveCfModel(long generation, CfModel model) throws IOException {
        writeAtomically(directory(generation).resolve(CF_MODEL_FILE), CfModelJson.write(model));
    }

    /** Saves the sequence model whose embeddings a generation being built carries (before it is marked ready). */
    public void saveSequenceModel(long generation, SequenceModelFile model) throws IOException {
        writeAtomically(directory(generation).resolve(SEQUENCE_MODEL_FILE), SequenceModelJson.write(model));
    }

    /** The sequence model saved with a generation, empty when it was built without one. */
    public Optional<SequenceModelFile> sequenceModel(long generation) throws IOException {
        Path file = directory(generation).resolve(SEQUENCE_MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(SequenceModelJson.parse(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Saves the neighbour lists of a generation being built (before it is marked ready). */
    public void saveNeighbours(long generation, TrainedNeighbours neighbours) throws IOException {
        Path target = neighboursFile(generation);
        Path temp = target.resolveSibling(NeighbourFile.FILE_NAME + ".tmp");
        neighbours.writeTo(temp);
        fsync(temp);
        move(temp, target);
    }

    /** Where a generation's neighbour lists are; the file exists only when it was built with them. */
    public Path neighboursFile(long generation) {
        return directory(generation).resolve(NeighbourFile.FILE_NAME);
    }

    /** The CF model saved with a generation, empty when it was built without CF factors. */
    public Optional<CfModel> cfModel(long generation) throws IOException {
        Path file = directory(generation).resolve(CF_MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(CfModelJson.parse(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** Marks a built and validated generation complete (durably, with its creation time inside). */
    public void markReady(long generation) throws IOException {
        writeAtomically(directory(generation).resolve(READY), Instant.now().toString());
    }

    /** When the generation was marked ready, or {@code null} if it is not. */
    public Instant created(long generation) {
        try {
            return Instant.parse(
                    Files.readString(directory(generation).resolve(READY)).strip());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Opens a complete generation with the embedder it was built with. */
    public CatalogIndex open(long generation) throws IOException {
        if (!isReady(generation)) {
            throw new IllegalStateException("generation " + generation + " is not complete");
        }
        Path dir = directory(generation);
        return CatalogIndex.open(dir, GenerationEmbedder.open(dir, embedders), settings);
    }

    public OptionalLong current() {
        return readPointer(CURRENT);
    }

    public OptionalLong previous() {
        return readPointer(PREVIOUS);
    }

    /**
     * Points CURRENT at {@code current} and PREVIOUS at {@code previous} (none when empty), each file
     * replaced atomically. CURRENT is written first: a crash between the two leaves the right generation
     * serving.
     */
    public synchronized void point(long current, OptionalLong previous) throws IOException {
        writeAtomically(root.resolve(CURRENT), Long.toString(current));
        if (previous.isPresent() && previous.getAsLong() != current) {
            writeAtomically(root.resolve(PREVIOUS), Long.toString(previous.getAsLong()));
        } else {
            Files.deleteIfExists(root.resolve(PREVIOUS));
        }
    }

    /**
     * Deletes incomplete generation directories (a crash mid-build) and complete ones that are neither
     * CURRENT nor PREVIOUS, except {@code keep} (a generation being built).
     *
     * @return the generations deleted
     */
    public synchronized List<Long> cleanUp(long... keep) {
        OptionalLong current = current();
        OptionalLong previous = previous();
        List<Long> deleted = new ArrayList<>();
        outer:
        for (long n : directories()) {
            for (long k : keep) {
                if (k == n) {
                    continue outer;
                }
            }
            boolean pointed = (current.isPresent() && current.getAsLong() == n)
                    || (previous.isPresent() && previous.getAsLong() == n);
            if (pointed && isReady(n)) {
                continue;
            }
            try {
                delete(n);
                deleted.add(n);
                LOG.info("deleted {} generation {}", isReady(n) ? "old" : "incomplete", n);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("could not delete generation {}: {}", n, e.toString());
            }
        }
        return deleted;
    }

    /** Deletes a generation's directory (the marker first, so a half-deleted one counts as incomplete). */
    public synchronized void delete(long generation) throws IOException {
        Path dir = directory(generation);
        Files.deleteIfExists(dir.resolve(READY));
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Size, item count and creation time of a complete generation; items -1 if it cannot be read. */
    public GenerationInfo info(long generation) {
        Path dir = directory(generation);
        long bytes = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    bytes += Files.size(file);
                } catch (IOException e) {
                    // removed while counting (a merge)
                }
            }
        } catch (IOException | UncheckedIOException e) {
            bytes = -1;
        }
        long items = -1;
        try (Directory directory = FSDirectory.open(dir);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            items = reader.numDocs();
        } catch (IOException | RuntimeException e) {
            // not readable (being deleted); reported as -1
        }
        String embedder;
        try {
            embedder = GenerationEmbedder.read(dir).toString();
        } catch (IOException | RuntimeException e) {
            embedder = null; // not readable (being deleted)
        }
        return new GenerationInfo(generation, items, bytes, dir, created(generation), embedder);
    }

    private OptionalLong readPointer(String name) {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            LOG.warn("ignoring unreadable pointer {}: {}", file, e.toString());
            return OptionalLong.empty();
        }
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, content + "\n", StandardCharsets.UTF_8);
        fsync(temp);
        move(temp, target);
        fsync(target.getParent());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to + " cannot rename atomically", e);
        }
    }

    private static void fsync(Path path) {
        boolean directory = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw new UncheckedIOException("cannot fsync " + path, e);
            }
            // Some platforms cannot open a directory for fsync; the rename is still atomic.
        }
    }
}
