package dev.recsys.tools.stream;

import dev.recsys.cli.Cli;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/**
 * Prints the state size of each operator of a retained checkpoint (or savepoint), read from its
 * {@code _metadata}: for benchmarks of the job's state, which of it is profiles, de-duplication
 * ids, item vectors or item statistics.
 *
 * <pre>
 * ./recsys checkpoint-sizes CHECKPOINT_DIR/JOB_ID/chk-N
 * </pre>
 *
 * <p>Bytes per operator (by uid): {@code keyed} and {@code operator} are the full sizes of its
 * keyed and operator state; {@code full} is all of its state (also a source's coordinator state),
 * and the total of {@code full} is the size Flink logs for the checkpoint; {@code checkpointed} is
 * what this checkpoint wrote for it, which for incremental RocksDB checkpoints leaves out the files
 * already uploaded by earlier ones (in {@code shared/}), and otherwise equals {@code full}.
 */
@Command(
        name = "recsys checkpoint-sizes",
        description = "Prints the state size of each operator of a retained checkpoint or savepoint, from its"
                + " _metadata.")
public final class CheckpointSizes implements Callable<Integer> {
    /** The flags, as {@code --help} and docs/CONFIGURATION.md show them. */
    public static CommandSpec spec() {
        return Cli.spec(new CheckpointSizes());
    }

    @Parameters(
            paramLabel = "CHECKPOINT",
            description = "a chk-N folder (CHECKPOINT_DIR/JOB_ID/chk-N) or a savepoint folder")
    private Path checkpoint;

    private CheckpointSizes() {}

    /** One operator's state. */
    record Row(String operator, long keyed, long operatorState, long full, long checkpointed) {}

    public static void main(String[] args) throws Exception {
        System.exit(Cli.run(new CheckpointSizes(), args, Map.of(), System.out, System.err));
    }

    @Override
    public Integer call() throws IOException {
        print(rows(checkpoint), System.out);
        return 0;
    }

    /** The operators of the checkpoint in {@code dir} that have state, largest first. */
    static List<Row> rows(Path dir) throws IOException {
        CheckpointMetadata metadata;
        try (InputStream in = Files.newInputStream(dir.resolve("_metadata"))) {
            metadata = Checkpoints.loadCheckpointMetadata(
                    new DataInputStream(in),
                    CheckpointSizes.class.getClassLoader(),
                    dir.toAbsolutePath().toString());
        }
        return metadata.getOperatorStates().stream()
                .filter(OperatorState::hasSubtaskStates)
                .map(CheckpointSizes::row)
                .sorted(Comparator.comparingLong(Row::full).reversed().thenComparing(Row::operator))
                .toList();
    }

    private static Row row(OperatorState state) {
        long keyed = 0;
        long operator = 0;
        for (OperatorSubtaskState subtask : state.getStates()) {
            keyed += subtask.getManagedKeyedState().getStateSize()
                    + subtask.getRawKeyedState().getStateSize();
            operator += subtask.getManagedOperatorState().getStateSize()
                    + subtask.getRawOperatorState().getStateSize();
        }
        String name = state.getOperatorUid().filter(uid -> !uid.isEmpty()).orElseGet(() -> state.getOperatorName()
                .orElse(state.getOperatorID().toString()));
        return new Row(name, keyed, operator, state.getStateSize(), state.getCheckpointedSize());
    }

    static void print(List<Row> rows, PrintStream out) {
        String format = "%-34s %14s %14s %14s %14s%n";
        out.printf(Locale.ROOT, format, "operator", "keyed", "operator", "full", "checkpointed");
        long[] total = new long[4];
        for (Row row : rows) {
            long[] sizes = {row.keyed(), row.operatorState(), row.full(), row.checkpointed()};
            out.printf(Locale.ROOT, format, row.operator(), sizes[0], sizes[1], sizes[2], sizes[3]);
            for (int i = 0; i < 4; i++) {
                total[i] += sizes[i];
            }
        }
        out.printf(Locale.ROOT, format, "total", total[0], total[1], total[2], total[3]);
    }
}
