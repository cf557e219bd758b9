package dev.recsys.index.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.CatalogSources;
import dev.recsys.index.catalog.sources.Excerpt;
import dev.recsys.index.catalog.sources.SourceFolders;
import dev.recsys.index.cf.CfFactors;
import dev.recsys.index.cf.CfFactorsReader;
import dev.recsys.index.embed.EmbedderSpec;
import dev.recsys.index.generations.ReindexJob;
import dev.recsys.index.generations.Reindexer;
import dev.recsys.ranker.json.Json;
import dev.recsys.ranker.json.SequenceModelJson;
import dev.recsys.ranker.records.InvalidRecordException;
import dev.recsys.ranker.sequence.SequenceModelFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /v1/admin/reindex} starts a reindex: body {@code {"source": "<path on the server>", "format": "jsonl|instacart|movielens|generated|live", "count": n, "seed": n, "maxErrorRatio":
 * 0.01, "maxItemsPerSecond": 0, "cfFactors": "<directory on the server>", "embedder": "hashed |
 * transformer[:MODEL]"}} ({@code embedder} defaults to the service's {@code --embedder}; {@code count} and {@code seed}
 * for {@code generated} only, which takes no {@code source}, nor does {@code live}, the catalog as served
 * now; {@code maxItemsPerSecond} throttles the indexing pass, 0 for no limit; {@code cfFactors} is a
 * directory written by {@code recsys train --out} whose item factors the new generation gets).
 *
 * <p>{@code source} and {@code cfFactors} are read only under the service's {@link SourceFolders} (its
 * {@code --data} folder and each {@code --catalog-dir}), checked on their real paths before anything is
 * opened; any other path is a 400 that says so and nothing about what is there.
 *
 * <p>With {@code Content-Type: application/x-ndjson} the factors are uploaded instead: line 1 is the JSON
 * object above (without {@code cfFactors}), line 2 the model line and the rest the item lines of {@link
 * CfFactorsReader}. The factors are checked completely before the job starts.
 *
 * <p>Answers 202 {@code {job, state, href}}; 400 naming the field for bad input; 409 while a reindex or a
 * rollback runs. {@code GET /v1/admin/reindex/{job}} is the job's progress (see {@link AdminJson#job});
 * 404 for an unknown job. Both need the admin token.
 */
public final class ReindexEndpoint extends ApiHandler {
    public static final String PATH = "/v1/admin/reindex";
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final long MAX_GENERATED_COUNT = 10_000_000;
    public static final long DEFAULT_SEED = 42;
    /** The format that rebuilds the live generation's own items. */
    public static final String LIVE = "live";
    /** The content type of a request that uploads CF factors. */
    public static final String NDJSON = "application/x-ndjson";
    /** Largest upload of CF factors (about 2.5 million items of 64 factors as JSON numbers). */
    public static final long MAX_UPLOAD_BYTES = 2L << 30;

    private static final Set<String> FIELDS = Set.of(
            "source",
            "format",
            "count",
            "seed",
            "maxErrorRatio",
            "maxItemsPerSecond",
            "cfFactors",
            "embedder",
            "sequenceModel");
    /** The longest CF model line an upload after a sequence model may have (k = 256 is about 1.3 MB). */
    private static final int MAX_CF_MODEL_LINE = 1 << 24;

    /** A checked request: what to read and how. */
    private record JobRequest(
            CatalogSource source, double maxErrorRatio, double maxItemsPerSecond, EmbedderSpec embedder) {}

    private final AdminAuth auth;
    private final Reindexer reindexer;
    private final SourceFolders folders;

    /** @param folders where {@code source} and {@code cfFactors} may lie */
    public ReindexEndpoint(AdminAuth auth, Reindexer reindexer, SourceFolders folders) {
        super(PATH, false); // the methods differ by path: POST starts a job, GET reads one
        this.auth = auth;
        this.reindexer = reindexer;
        this.folders = folders;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) throws IOException {
        auth.check(request);
        if (request.path().equals(PATH)) {
            if (!request.method().equals("POST")) {
                throw ApiException.methodNotAllowed(request.method(), request.pathExcerpt(), "POST");
            }
            return start(request);
        }
        List<String> segments = request.segmentsAfter(PATH + "/");
        if (segments.size() != 1 || segments.getFirst().isEmpty()) {
            throw ApiException.notFound("no such path: " + request.pathExcerpt());
        }
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            throw ApiException.methodNotAllowed(request.method(), request.pathExcerpt(), "GET, HEAD");
        }
        String id = segments.getFirst();
        ReindexJob job = reindexer.job(id).orElseThrow(() -> ApiException.notFound("no reindex job '" + id + "'"));
        return ApiResponse.ok(AdminJson.job(job));
    }

    private ApiResponse start(ApiRequest request) throws IOException {
        String type = request.header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(NDJSON)) {
            return startWithUpload(request);
        }
        JsonNode body = object(request.body(MAX_BODY_BYTES), "the body");
        JobRequest job = options(body);
        CfFactors cf = null;
        String dir = text(body, "cfFactors");
        if (dir != null) {
            try {
                cf = CfFactorsReader.readDirectory(Path.of(dir), "cfFactors", folders);
            } catch (InvalidPathException e) {
                throw ApiException.badRequest("cfFactors", "cfFactors is not a valid path");
            } catch (CfFactorsReader.InvalidCfFactorsException e) {
                throw ApiException.badRequest("cfFactors", e.getMessage());
            }
        }
        return launch(job, cf);
    }

    /**
     * Options on the first line; with {@code "sequenceModel": true} the sequence model on the second
     * ({@link SequenceModelJson}); then the CF factors, which may be left out after a sequence model (the live
     * generation's are carried over). Everything is checked before the job starts.
     */
    private ApiResponse startWithUpload(ApiRequest request) throws IOException {
        try (BufferedReader in = request.bodyLines(MAX_UPLOAD_BYTES)) {
            try {
                String first = in.readLine();
                JsonNode body = object(first == null ? "" : first, "line 1");
                ApiException.checkArgument(
                        !body.has("cfFactors"),
                        "cfFactors",
                        "cfFactors names a directory on the server; an upload carries the factors after line 1");
                JobRequest job = options(body);
                SequenceModelFile sequence = sequenceModelOption(body) ? sequenceModel(in.readLine()) : null;
                CfFactors cf;
                try {
                    cf = sequence != null && nothingFollows(in)
                            ? null
                            : CfFactorsReader.readUpload(in, sequence == null ? 2 : 3);
                } catch (CfFactorsReader.InvalidCfFactorsException e) {
                    throw ApiException.badRequest(e.field(), e.getMessage());
                }
                return launch(job, cf, sequence);
            } catch (ApiException e) {
                request.discardRest();
                throw e;
            }
        }
    }

    private static JsonNode object(String text, String what) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, what + " is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(null, what + " must be a JSON object");
        }
        return body;
    }

    private JobRequest options(JsonNode body) {
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(name, "unknown field '" + name + "'; expected one of " + FIELDS);
            }
        }
        String format = text(body, "format");
        ApiException.checkArgument(
                format != null, "format", "format is required: jsonl, instacart, movielens, generated or live");
        format = format.toLowerCase(Locale.ROOT);
        double maxErrorRatio =
                body.has("maxErrorRatio") ? number(body, "maxErrorRatio") : Reindexer.DEFAULT_MAX_ERROR_RATIO;
        ApiException.checkArgument(
                maxErrorRatio >= 0 && maxErrorRatio <= 1, "maxErrorRatio", "maxErrorRatio must be between 0 and 1");
        double maxItemsPerSecond = body.has("maxItemsPerSecond") ? number(body, "maxItemsPerSecond") : 0;
        ApiException.checkArgument(
                maxItemsPerSecond >= 0 && !Double.isInfinite(maxItemsPerSecond),
                "maxItemsPerSecond",
                "maxItemsPerSecond must be a number >= 0 (0: no limit)");
        CatalogSource source;
        if (format.equals(LIVE)) {
            ApiException.checkArgument(
                    !body.has("source"), "source", "format live rebuilds the served catalog: no source");
            ApiException.checkArgument(!body.has("count"), "count", "count is only for format generated");
            source = reindexer.liveSource();
        } else if (format.equals(CatalogSources.GENERATED)) {
            ApiException.checkArgument(!body.has("source"), "source", "a generated catalog takes no source");
            ApiException.checkArgument(body.has("count"), "count", "count is required for format generated");
            long count = integer(body, "count");
            ApiException.checkArgument(
                    count >= 1 && count <= MAX_GENERATED_COUNT,
                    "count",
                    "count must be between 1 and " + MAX_GENERATED_COUNT);
            long seed = body.has("seed") ? integer(body, "seed") : DEFAULT_SEED;
            source = CatalogSources.generated(count, seed);
        } else {
            ApiException.checkArgument(
                    CatalogSources.FORMATS.contains(format),
                    "format",
                    "format must be one of jsonl, instacart, movielens, generated, live; got '" + format + "'");
            ApiException.checkArgument(!body.has("count"), "count", "count is only for format generated");
            String sourceText = text(body, "source");
            ApiException.checkArgument(
                    sourceText != null && !sourceText.isBlank(), "source", "source (a path on the server) is required");
            Path path;
            try {
                path = Path.of(sourceText);
            } catch (InvalidPathException e) {
                throw ApiException.badRequest("source", "source is not a valid path");
            }
            try {
                source = CatalogSources.open(format, path, folders);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("source", e.getMessage());
            }
        }
        return new JobRequest(source, maxErrorRatio, maxItemsPerSecond, embedder(body));
    }

    /** The request's {@code embedder}, or {@code null} for the service's default. */
    private static EmbedderSpec embedder(JsonNode body) {
        String text = text(body, "embedder");
        if (text == null) {
            return null;
        }
        try {
            return EmbedderSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("embedder", e.getMessage());
        }
    }

    private static boolean sequenceModelOption(JsonNode body) {
        JsonNode node = body.get("sequenceModel");
        if (node == null || node.isNull()) {
            return false;
        }
        ApiException.checkArgument(node.isBoolean(), "sequenceModel", "sequenceModel must be true or false");
        return node.booleanValue();
    }

    /** Line 2 of an upload with {@code "sequenceModel": true}. */
    private static SequenceModelFile sequenceModel(String line) {
        if (line == null || line.isBlank()) {
            throw ApiException.badRequest(
                    "sequenceModel", "line 2: expected the sequence model (sequenceModel is true)");
        }
        try {
            return SequenceModelJson.parse(line);
        } catch (InvalidRecordException e) {
            throw ApiException.badRequest("sequenceModel", "line 2: sequence model " + Excerpt.problem(e));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("sequenceModel", "line 2: the sequence model is not a JSON object");
        }
    }

    /** Whether only blank lines are left. */
    private static boolean nothingFollows(BufferedReader in) throws IOException {
        in.mark(MAX_CF_MODEL_LINE);
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isBlank()) {
                in.reset();
                return false;
            }
            in.mark(MAX_CF_MODEL_LINE);
        }
        return true;
    }

    private ApiResponse launch(JobRequest request, CfFactors cf) {
        return launch(request, cf, null);
    }

    private ApiResponse launch(JobRequest request, CfFactors cf, SequenceModelFile sequence) {
        ReindexJob job;
        try {
            job = reindexer.start(
                    request.source(),
                    request.maxErrorRatio(),
                    request.maxItemsPerSecond(),
                    cf,
                    sequence,
                    request.embedder());
        } catch (Reindexer.ConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("job", job.id());
        answer.put("state", job.state());
        answer.put("href", PATH + "/" + job.id());
        return new ApiResponse(202, answer);
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        ApiException.checkArgument(node.isTextual(), field, field + " must be a string");
        return node.asText();
    }

    private static double number(JsonNode body, String field) {
        JsonNode node = body.get(field);
        ApiException.checkArgument(node != null && node.isNumber(), field, field + " must be a number");
        return node.asDouble();
    }

    private static long integer(JsonNode body, String field) {
        JsonNode node = body.get(field);
        ApiException.checkArgument(
                node != null && node.isIntegralNumber() && node.canConvertToLong(),
                field,
                field + " must be an integer");
        return node.asLong();
    }
}
