package dev.recsys.tools.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeOffsets;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.OperatorStreamStateHandle;
import org.apache.flink.runtime.state.memory.ByteStreamStateHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSizesTest {

    private static KeyGroupsStateHandle keyed(String name, int firstKeyGroup, int lastKeyGroup, int bytes) {
        return new KeyGroupsStateHandle(
                new KeyGroupRangeOffsets(KeyGroupRange.of(firstKeyGroup, lastKeyGroup)),
                new ByteStreamStateHandle(name, new byte[bytes]));
    }

    @Test
    void sumsEachOperatorsSubtasksByUidLargestFirst(@TempDir Path dir) throws Exception {
        OperatorState profiles = new OperatorState("update-profile", "update-profile", new OperatorID(), 2, 128);
        profiles.putState(
                0,
                OperatorSubtaskState.builder()
                        .setManagedKeyedState(keyed("p0", 0, 63, 3000))
                        .build());
        profiles.putState(
                1,
                OperatorSubtaskState.builder()
                        .setManagedKeyedState(keyed("p1", 64, 127, 2000))
                        .build());
        OperatorState source =
                new OperatorState("interactions-source", "interactions-source", new OperatorID(), 1, 128);
        source.putState(
                0,
                OperatorSubtaskState.builder()
                        .setManagedOperatorState(
                                new OperatorStreamStateHandle(Map.of(), new ByteStreamStateHandle("s0", new byte[40])))
                        .build());
        OperatorState stateless = new OperatorState("parse-interaction", "parse-interaction", new OperatorID(), 2, 128);
        try (OutputStream out = Files.newOutputStream(dir.resolve("_metadata"))) {
            Checkpoints.storeCheckpointMetadata(
                    new CheckpointMetadata(7, List.of(source, stateless, profiles), List.of()),
                    new DataOutputStream(out));
        }

        List<CheckpointSizes.Row> rows = CheckpointSizes.rows(dir);

        assertEquals(
                List.of(
                        new CheckpointSizes.Row("update-profile", 5000, 0, 5000, 5000),
                        new CheckpointSizes.Row("interactions-source", 0, 40, 40, 40)),
                rows);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CheckpointSizes.print(rows, new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size());
        assertEquals(
                List.of("total", "5000", "40", "5040", "5040"),
                List.of(lines.get(3).split(" +")));
    }
}
