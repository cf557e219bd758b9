package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.IndexService;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description and the endpoints the service registers name the same paths, checked without
 * starting anything: an endpoint added without its description, or a description of an endpoint that is
 * gone, fails here. The registered endpoints are the {@link ApiHandler}s {@link IndexService} names: class
 * names are UTF-8 constants in its class file, however the list of endpoints is written.
 */
class OpenApiPathsTest {
    private static final Pattern HTTP_CLASS = Pattern.compile("dev/recsys/index/http/([A-Za-z0-9_]+)");

    @Test
    void everyEndpointTheServiceRegistersHasItsPathsInTheDescription() throws Exception {
        Map<String, String> registered = registeredPaths();
        assertTrue(
                registered.keySet().containsAll(Set.of("FeedEndpoint", "ReadyEndpoint", "OpenApiEndpoint")),
                "the endpoints found in IndexService: " + registered);
        OpenApiDescription api = OpenApiDescription.parse(OpenApiEndpoint.load());
        List<String> documented = api.paths();

        List<String> missing = new ArrayList<>();
        registered.forEach((endpoint, path) -> {
            boolean described = path.endsWith("/")
                    ? documented.stream().anyMatch(template -> template.startsWith(path))
                    : documented.contains(path);
            if (!described) {
                missing.add(endpoint + " (" + path + ")");
            }
        });
        assertTrue(missing.isEmpty(), "registered endpoints the description does not have: " + missing);
    }

    @Test
    void everyDescribedPathReachesARegisteredEndpoint() throws Exception {
        List<ApiHandler> endpoints = new ArrayList<>();
        registeredPaths().values().forEach(path -> endpoints.add(new PathOnly(path)));
        ApiHandler notFound = new PathOnly("/");
        ApiRouter router = new ApiRouter(endpoints, notFound);

        Set<String> reached = new HashSet<>();
        for (String template : OpenApiDescription.parse(OpenApiEndpoint.load()).paths()) {
            String path = template.replaceAll("\\{[^/}]+}", "x");
            ApiHandler endpoint = router.route(path);
            assertNotSame(notFound, endpoint, template + " is described, but no registered endpoint answers it");
            reached.add(endpoint.path());
        }
        assertEquals(new TreeSet<>(registeredPaths().values()), new TreeSet<>(reached));
    }

    /** The {@code PATH} of every endpoint class {@link IndexService} names, by class name. */
    private static Map<String, String> registeredPaths() throws IOException, ReflectiveOperationException {
        byte[] bytes;
        try (InputStream in = IndexService.class.getResourceAsStream("IndexService.class")) {
            bytes = in.readAllBytes();
        }
        Map<String, String> paths = new TreeMap<>();
        Matcher names = HTTP_CLASS.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (names.find()) {
            Class<?> type = Class.forName("dev.recsys.index.http." + names.group(1));
            if (type == WebEndpoint.class) {
                continue; // the pages for people, not the API: WebEndpointTest
            }
            if (ApiHandler.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                paths.put(type.getSimpleName(), (String) type.getField("PATH").get(null));
            }
        }
        return paths;
    }

    /** An endpoint that only has a path, for routing. */
    private static final class PathOnly extends ApiHandler {
        PathOnly(String path) {
            super(path, false);
        }

        @Override
        protected ApiResponse serve(ApiRequest request) {
            throw new UnsupportedOperationException("routing only");
        }
    }
}
