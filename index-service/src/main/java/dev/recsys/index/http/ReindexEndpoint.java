package dev.recsys.index.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recsys.index.catalog.sources.CatalogSource;
import dev.recsys.index.catalog.sources.CatalogSources;
import dev.recsys.index.generations.ReindexJob;
import dev.recsys.index.generations.Reindexer;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /v1/admin/reindex} starts a reindex: body {@code {"source": "<path readable by the
 * server>", "format": "jsonl|instacart|movielens|generated", "count": n, "seed": n, "maxErrorRatio":
 * 0.01, "maxItemsPerSecond": 0}} ({@code count} and {@code seed} for {@code generated} only, which takes
 * no {@code source}; {@code maxItemsPerSecond} throttles the indexing pass, 0 for no limit).
 * Answers 202 {@code {job, state, href}}; 400 naming the field for bad input; 409 while a reindex or a
 * rollback runs. {@code GET /v1/admin/reindex/{job}} is the job's progress (see {@link AdminJson#job});
 * 404 for an unknown job. Both need the admin token.
 */
public final class ReindexEndpoint extends ApiHandler {
    public static final String PATH = "/v1/admin/reindex";
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final long MAX_GENERATED_COUNT = 10_000_000;
    public static final long DEFAULT_SEED = 42;

    private static final Set<String> FIELDS =
            Set.of("source", "format", "count", "seed", "maxErrorRatio", "maxItemsPerSecond");

    private final AdminAuth auth;
    private final Reindexer reindexer;

    public ReindexEndpoint(AdminAuth auth, Reindexer reindexer) {
        super(PATH, false, "GET", "POST");
        this.auth = auth;
        this.reindexer = reindexer;
    }

    @Override
    protected ApiResponse serve(ApiRequest request) throws IOException {
        auth.check(request);
        if (request.path().equals(PATH)) {
            if (!request.method().equals("POST")) {
                throw ApiException.methodNotAllowed(request.method(), request.path());
            }
            return start(request);
        }
        List<String> segments = request.segmentsAfter(PATH + "/");
        if (segments.size() != 1
                || segments.getFirst().isEmpty()
                || request.method().equals("POST")) {
            throw ApiException.notFound("no such path: " + request.path());
        }
        String id = segments.getFirst();
        ReindexJob job = reindexer.job(id).orElseThrow(() -> ApiException.notFound("no reindex job '" + id + "'"));
        return ApiResponse.ok(AdminJson.job(job));
    }

    private ApiResponse start(ApiRequest request) throws IOException {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.body(MAX_BODY_BYTES));
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "the body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(null, "the body must be a JSON object");
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest(name, "unknown field '" + name + "'; expected one of " + FIELDS);
            }
        }
        String format = text(body, "format");
        ApiException.checkArgument(
                format != null, "format", "format is required: jsonl, instacart, movielens or generated");
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
        if (format.equals(CatalogSources.GENERATED)) {
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
                    "format must be one of jsonl, instacart, movielens, generated; got '" + format + "'");
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
            ApiException.checkArgument(
                    Files.isReadable(path), "source", "source " + path + " does not exist or is not readable");
            try {
                source = CatalogSources.open(format, path);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("source", e.getMessage());
            }
        }
        ReindexJob job;
        try {
            job = reindexer.start(source, maxErrorRatio, maxItemsPerSecond);
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
