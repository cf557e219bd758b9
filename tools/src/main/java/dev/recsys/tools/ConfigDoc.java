package dev.recsys.tools;

import dev.recsys.cli.Cli;
import dev.recsys.cli.ReferenceDoc;
import dev.recsys.index.ServiceCommand;
import dev.recsys.infra.KafkaBrokerMain;
import dev.recsys.infra.demo.DemoMain;
import dev.recsys.ingest.IngestCommand;
import dev.recsys.tools.catalog.KnnRecallBench;
import dev.recsys.tools.evaluation.EvaluateCli;
import dev.recsys.tools.evaluation.TrainCli;
import dev.recsys.tools.service.FreshnessProbe;
import dev.recsys.tools.service.LoadTool;
import dev.recsys.tools.service.ReindexCli;
import dev.recsys.tools.stream.CheckpointSizes;
import dev.recsys.tools.stream.EventLoadGenerator;
import dev.recsys.tools.stream.UserVectorsMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code ./recsys config-doc}: the reference tables of docs/CONFIGURATION.md, made from every command's
 * own flags, printed, or with {@code --write} put into the document between its markers. {@code
 * ConfigurationReferenceTest} fails when the committed document differs, so the reference never drifts
 * from the code.
 */
@Command(
        name = "recsys config-doc",
        description = "Prints the tables of docs/CONFIGURATION.md, made from every command's flags; with --write,"
                + " puts them into the document.")
public final class ConfigDoc implements Callable<Integer> {

    @Option(names = "--write", description = "rewrite the tables in --doc instead of printing them")
    private boolean write;

    @Option(
            names = "--doc",
            paramLabel = "FILE",
            defaultValue = "docs/CONFIGURATION.md",
            description = "the reference document")
    private Path doc;

    private ConfigDoc() {}

    public static void main(String[] args) throws Exception {
        System.exit(Cli.run(new ConfigDoc(), args, Map.of(), System.out, System.err));
    }

    @Override
    public Integer call() throws IOException {
        if (!write) {
            tables().forEach((name, table) -> System.out.println("## " + name + "\n\n" + table));
            return 0;
        }
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Files.writeString(doc, ReferenceDoc.update(text, tables()), StandardCharsets.UTF_8);
        System.err.println("config-doc: wrote the tables of " + tables().size() + " commands to " + doc);
        return 0;
    }

    /** Every command, by the name its table is marked with, in the document's order. */
    public static Map<String, CommandSpec> commands() {
        Map<String, CommandSpec> commands = new LinkedHashMap<>();
        for (CommandSpec spec : new CommandSpec[] {
            Cli.spec(new ServiceCommand()),
            Cli.spec(new IngestCommand()),
            DemoMain.spec(),
            KafkaBrokerMain.spec(),
            ReindexCli.spec(),
            TrainCli.spec(),
            EvaluateCli.spec(),
            LoadTool.spec(),
            FreshnessProbe.spec(),
            KnnRecallBench.spec(),
            EventLoadGenerator.spec(),
            UserVectorsMonitor.spec(),
            CheckpointSizes.spec()
        }) {
            commands.put(spec.name(), spec);
        }
        return commands;
    }

    /** The table of every command, by name. */
    public static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        commands().forEach((name, spec) -> tables.put(name, ReferenceDoc.table(spec)));
        return tables;
    }
}
