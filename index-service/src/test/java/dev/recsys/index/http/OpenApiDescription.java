package dev.recsys.index.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.recsys.ranker.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenAPI 3.1 description read for checking answers against it: which documented path a raw request path
 * is, which operations and statuses it has, and the JSON Schema a body must meet, in OpenAPI 3.1's dialect
 * of JSON Schema 2020-12. Schemas are validated in place inside the whole document, so their {@code $ref}s
 * resolve within it as any OpenAPI tool resolves them; the {@code $ref}s of response and parameter objects
 * (not schemas) are followed here.
 */
final class OpenApiDescription {
    /** The name the document is known by to the validator; never fetched. */
    private static final String IRI = "https://recsys.invalid/openapi.json";

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /**
     * The document's own fields: the validator reads the document's root as a schema on its way to a schema
     * inside it, and need not take these for unknown keywords.
     */
    private static final List<String> DOCUMENT_FIELDS = List.of(
            "openapi",
            "info",
            "jsonSchemaDialect",
            "servers",
            "paths",
            "webhooks",
            "components",
            "security",
            "tags",
            "externalDocs");

    private final JsonNode root;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiDescription(String text) {
        try {
            this.root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dialect dialect = Dialect.builder(Dialects.getOpenApi31())
                .keywords(
                        DOCUMENT_FIELDS.stream().map(NonValidationKeyword::new).toList())
                .build();
        this.registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder.schemas(Map.of(IRI, text))
                .schemaLoader(loader -> loader.fetchRemoteResources(false))
                .schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
    }

    static OpenApiDescription parse(String text) {
        return new OpenApiDescription(text);
    }

    JsonNode root() {
        return root;
    }

    /** The documented paths, as written ({@code /v1/items/{id}}). */
    List<String> paths() {
        List<String> paths = new ArrayList<>();
        root.path("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    /** The documented path a raw request path (no query) is, preferring literal segments over parameters. */
    Optional<String> template(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (String template : paths()) {
            String[] parts = template.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (isParameter(parts[i])) {
                    matches = !segments[i].isEmpty();
                } else if (parts[i].equals(segments[i])) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** The methods documented for {@code template}, in upper case. */
    Set<String> methods(String template) {
        Set<String> methods = new LinkedHashSet<>();
        root.path("paths").path(template).fieldNames().forEachRemaining(name -> {
            if (METHODS.contains(name)) {
                methods.add(name.toUpperCase(Locale.ROOT));
            }
        });
        return methods;
    }

    /** The operation object, or a missing node. */
    JsonNode operation(String template, String method) {
        return root.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
    }

    /** JSON Pointer of {@code template}'s operation for {@code method}. */
    static String operationPointer(String template, String method) {
        return "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
    }

    /** The pointer of the response object documented for {@code status}, its {@code $ref} followed; or empty. */
    Optional<String> responsePointer(String template, String method, int status) {
        String pointer = operationPointer(template, method) + "/responses/" + status;
        return root.at(pointer).isMissingNode() ? Optional.empty() : Optional.of(follow(pointer));
    }

    /** The response object at {@code pointer}. */
    JsonNode at(String pointer) {
        return root.at(pointer);
    }

    /** Follows a chain of {@code $ref}s to components (response, parameter and request-body objects). */
    String follow(String pointer) {
        String current = pointer;
        for (int hops = 0; hops < 10; hops++) {
            JsonNode node = root.at(current);
            JsonNode ref = node.get("$ref");
            if (ref == null || !ref.isTextual()) {
                return current;
            }
            String target = ref.asText();
            if (!target.startsWith("#/")) {
                throw new IllegalStateException("only references within the document are supported: " + target);
            }
            current = target.substring(1);
        }
        throw new IllegalStateException("a $ref cycle at " + pointer);
    }

    /** The names of the query parameters {@code template}'s operation documents. */
    Set<String> queryParameters(String template, String method) {
        Set<String> names = new LinkedHashSet<>();
        String base = operationPointer(template, method) + "/parameters";
        JsonNode list = root.at(base);
        for (int i = 0; i < list.size(); i++) {
            JsonNode parameter = root.at(follow(base + "/" + i));
            if (parameter.path("in").asText().equals("query")) {
                names.add(parameter.path("name").asText());
            }
        }
        return names;
    }

    /** Whether the operation may be called without a token: no requirement, or an empty one among them. */
    boolean allowsAnonymous(String template, String method) {
        JsonNode security = operation(template, method).get("security");
        if (security == null) {
            security = root.path("security");
        }
        if (security.isEmpty()) {
            return true;
        }
        for (JsonNode requirement : security) {
            if (requirement.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The security schemes an operation names, in any of its alternatives. */
    Set<String> securitySchemes(String template, String method) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode requirement : operation(template, method).path("security")) {
            requirement.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /**
     * What is wrong with {@code json} as an instance of the schema at {@code pointer} (a JSON Pointer into the
     * document); empty when it is valid.
     */
    List<String> validate(String pointer, String json) {
        Schema schema = schemas.computeIfAbsent(
                pointer, p -> registry.getSchema(SchemaLocation.of(IRI + "#" + fragment(follow(p)))));
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(json, InputFormat.JSON)) {
            problems.add(error.toString());
        }
        return problems;
    }

    /** Every pointer under {@code pointer} whose key is {@code name} (e.g. every {@code example}). */
    List<String> find(String pointer, String name) {
        List<String> found = new ArrayList<>();
        collect(root.at(pointer), pointer, name, found);
        return found;
    }

    private static void collect(JsonNode node, String pointer, String name, List<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = pointer + "/" + escape(field.getKey());
                if (field.getKey().equals(name)) {
                    found.add(child);
                }
                collect(field.getValue(), child, name, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, name, found);
            }
        }
    }

    /** A JSON Pointer token: {@code ~} and {@code /} escaped. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON Pointer as a URI fragment: the characters a fragment may not hold percent-encoded. */
    private static String fragment(String pointer) {
        return pointer.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
    }
}
