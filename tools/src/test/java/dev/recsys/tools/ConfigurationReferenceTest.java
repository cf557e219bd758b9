package dev.recsys.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.cli.ReferenceDoc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** docs/CONFIGURATION.md says what the code does: its tables are the ones the commands' flags make. */
class ConfigurationReferenceTest {

    /** The tests run in the module's folder; the document is the project's. */
    private static final Path DOC = Path.of("..", "docs", "CONFIGURATION.md");

    @Test
    void theCommittedReferenceMatchesEveryCommandsFlags() throws IOException {
        String committed = Files.readString(DOC, StandardCharsets.UTF_8);

        String generated = ReferenceDoc.update(committed, ConfigDoc.tables());

        assertEquals(
                generated,
                committed,
                "docs/CONFIGURATION.md differs from the commands' flags: run ./recsys config-doc --write and commit it");
    }

    @Test
    void everySettingHasAOneLineMeaningAndTheSameFlagMeansOneThingEverywhere() {
        for (CommandSpec command : ConfigDoc.commands().values()) {
            for (OptionSpec option : command.options()) {
                String meaning = String.join(" ", option.description());
                assertFalse(meaning.isBlank(), command.name() + " " + option.longestName() + " has no description");
            }
        }
        // Spelled once: the brokers, the token, the service.
        for (String name : List.of("recsys serve", "recsys ingest", "recsys loadgen", "recsys ingest-monitor")) {
            assertTrue(ConfigDoc.commands().get(name).optionsMap().containsKey("--bootstrap-servers"), name);
            assertTrue(ConfigDoc.commands().get(name).optionsMap().containsKey("--kafka-property"), name);
            assertTrue(ConfigDoc.commands().get(name).optionsMap().containsKey("--kafka-config"), name);
        }
        for (String name : List.of("recsys reindex", "recsys train", "recsys load", "recsys freshness")) {
            assertTrue(ConfigDoc.commands().get(name).optionsMap().containsKey("--server"), name);
            assertTrue(ConfigDoc.commands().get(name).optionsMap().containsKey("--url"), name + " keeps --url");
            assertTrue(ConfigDoc.commands().get(name).optionsMap().containsKey("--token"), name);
        }
    }
}
