package dev.recsys.tools.evaluation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.cli.Ranges;
import dev.recsys.cli.UsageException;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.ranker.json.Json;
import dev.recsys.tools.service.BearerToken;
import dev.recsys.tools.service.EmbedderFlag;
import dev.recsys.tools.service.ReindexCli;
import dev.recsys.tools.service.ReindexJob;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hands trained models to a running index service: one {@code POST /v1/admin/reindex} uploading them
 * (JSON Lines: the job's options, the sequence model's line when there is one, the CF model line and the
 * item lines when there are factors), so the service may run on another
 * machine; then follows the job as {@code recsys reindex} does. The service builds a new catalog
 * generation whose items carry the factors and publishes its item vectors and CF model.
 *
 * @param format what to rebuild: {@code live} (the catalog as served now) or a file format with {@code source}
 * @param source a catalog path readable by the server, or {@code null} for {@code live}
 * @param maxErrorRatio the job's {@code maxErrorRatio}, or {@code null} for the server's default
 * @param embedder the new generation's embedder, or {@code null} for the server's default
 */
record CfUpload(URI server, String token, String format, Path source, Double maxErrorRatio, String embedder) {
    static final String LIVE = "live";
    static final List<String> SOURCE_FORMATS = List.of("jsonl", "instacart", "movielens");

    /**
     * The target from {@code --server}, {@code --token} (or the environment), {@code --format}, {@code
     * --source}, {@code --max-error-ratio}, {@code --embedder}; each may be {@code null} but the server.
     */
    static CfUpload of(
            String serverFlag,
            String tokenFlag,
            String formatFlag,
            Path sourceFlag,
            Double maxErrorRatio,
            String embedderFlag,
            Map<String, String> env) {
        URI server = ReindexCli.httpUrl("--server", serverFlag);
        String token = BearerToken.resolve(tokenFlag, env, ReindexCli.TOKEN_ENV);
        Path source = null;
        String format = formatFlag;
        if (sourceFlag != null) {
            source = sourceFlag.toAbsolutePath().normalize();
            if (!Files.exists(source)) {
                throw new UsageException("--source " + source + " does not exist");
            }
            if (format == null) {
                format = ReindexCli.guessFormat(source);
            }
            if (!SOURCE_FORMATS.contains(format)) {
                throw new UsageException("--format must be one of " + String.join(", ", SOURCE_FORMATS)
                        + " with --source, got '" + format + "'");
            }
        } else if (format == null || format.equals(LIVE)) {
            format = LIVE;
        } else {
            throw new UsageException("--format " + format + " needs --source FILE (or leave both out to"
                    + " rebuild the catalog the service serves now)");
        }
        Double ratio = maxErrorRatio == null ? null : Ranges.between("--max-error-ratio", maxErrorRatio, 0, 1);
        return new CfUpload(server, token, format, source, ratio, EmbedderFlag.check(embedderFlag));
    }

    /**
     * Uploads what {@code dir} holds of the trained models ({@link CfFactorsWriter#write}'s files, {@link
     * TrainCli#SEQUENCE_FILE}); returns the exit status.
     */
    int send(
            Path dir,
            boolean cf,
            boolean sequence,
            PrintStream out,
            PrintStream err,
            boolean terminal,
            Duration pollInterval)
            throws IOException, InterruptedException {
        ObjectNode options = Json.MAPPER.createObjectNode();
        options.put("format", format);
        if (source != null) {
            options.put("source", source.toString());
        }
        if (maxErrorRatio != null) {
            options.put("maxErrorRatio", maxErrorRatio);
        }
        if (embedder != null) {
            options.put("embedder", embedder);
        }
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        if (sequence) {
            options.put("sequenceModel", true);
        }
        parts.add(HttpRequest.BodyPublishers.ofString(Json.write(options) + "\n"));
        if (sequence) {
            // The model file is one line ending in a newline.
            parts.add(HttpRequest.BodyPublishers.ofFile(dir.resolve(TrainCli.SEQUENCE_FILE)));
        }
        if (cf) {
            String model = Files.readString(dir.resolve(CfFactorsReader.MODEL_FILE), StandardCharsets.UTF_8)
                    .strip();
            parts.add(HttpRequest.BodyPublishers.ofString(model + "\n"));
            parts.add(HttpRequest.BodyPublishers.ofFile(dir.resolve(CfFactorsReader.ITEMS_FILE)));
        }
        HttpRequest.BodyPublisher body =
                HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new));
        String what = (source == null ? "the live catalog" : format + " " + source) + " with the trained "
                + (cf && sequence ? "CF factors and sequence model" : cf ? "CF factors" : "sequence model");
        return ReindexJob.startAndFollow(
                server, token, "application/x-ndjson", body, what, out, err, terminal, pollInterval);
    }
}
