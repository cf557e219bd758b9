package dev.recsys.index.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description of this API, as this build ships it (the {@value
 * #RESOURCE} resource of the jar, its {@code info.version} the project's). No token: it says what the API
 * is, nothing about its data. The text is served as written, so it stays readable in a browser; it is
 * parsed once at start so that a broken build fails then rather than on the first request.
 */
public final class OpenApiEndpoint extends ApiHandler {
    public static final String PATH = "/openapi.json";
    /** Where the description lives on the classpath. */
    public static final String RESOURCE = "/openapi.json";

    private final String document;

    public OpenApiEndpoint() {
        super(PATH, true, "GET");
        this.document = load();
    }

    /** The description as served. */
    public static String load() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!Json.MAPPER.readTree(text).isObject()) {
                throw new IllegalStateException("the resource " + RESOURCE + " is not a JSON object");
            }
            return text;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the resource " + RESOURCE + " is not valid JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
        }
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        return ApiResponse.text(200, AnswerWriter.JSON, document);
    }
}
