package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.web.WebAsset;
import dev.recsys.index.web.WebAssets;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The storefront, the console and their files over HTTP, as the jar ships them. */
class WebEndpointTest {
    private static final WebAssets ASSETS = WebAssets.load();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ApiServer server;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        server = ApiServer.start(0, List.of(WebEndpoint.all(ASSETS)));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/, text/html; charset=utf-8, <title>",
        "/console, text/html; charset=utf-8, <title>",
        "/assets/uplot/uPlot.iife.min.js, text/javascript; charset=utf-8, uPlot",
        "/assets/uplot/uPlot.min.css, text/css; charset=utf-8, .uplot"
    })
    void servesEachPageWithItsTypeAndAPolicyThatKeepsItOnThisServer(String path, String type, String contains)
            throws Exception {
        HttpResponse<String> page = get(path, null, null);

        assertEquals(200, page.statusCode());
        assertEquals(type, page.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(
                page.body().contains(contains),
                page.body().substring(0, Math.min(200, page.body().length())));
        assertEquals(
                WebEndpoint.CONTENT_SECURITY_POLICY,
                page.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals(
                "nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void sendsGzipWhenTheBrowserTakesItAndTheSameBytesEitherWay() throws Exception {
        HttpResponse<byte[]> plain = getBytes("/assets/uplot/uPlot.iife.min.js", null);
        HttpResponse<byte[]> gzipped = getBytes("/assets/uplot/uPlot.iife.min.js", "gzip, deflate, br");
        HttpResponse<byte[]> refused = getBytes("/assets/uplot/uPlot.iife.min.js", "gzip;q=0, identity");

        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertTrue(gzipped.body().length < plain.body().length / 2, "compressed: " + gzipped.body().length);
        assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes());
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        assertFalse(refused.headers().firstValue("Content-Encoding").isPresent());
        assertFalse(
                plain.headers().firstValue("ETag").equals(gzipped.headers().firstValue("ETag")),
                "each encoding has its own entity tag");
    }

    @Test
    void anUnchangedFileCostsA304() throws Exception {
        HttpResponse<String> first = get("/console", null, "gzip");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = get("/console", etag, "gzip");
        HttpResponse<String> otherEncoding = get("/console", etag, null);

        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, otherEncoding.statusCode(), "the tag of the gzip form does not match the plain one");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, /nothing, 404",
        "GET, /assets/nothing.js, 404",
        "GET, /console/more, 404",
        "POST, /, 405",
        "POST, /v1/unknown, 404"
    })
    void otherPathsAndMethodsGetTheJsonError(String method, String path, int status) throws Exception {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(
                "application/json", answer.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(answer.body().startsWith("{\"error\":"), answer.body());
    }

    @Test
    void everyFileAPageNamesIsServedAndNoneComesFromAnotherHost() {
        Pattern reference = Pattern.compile("(?:src|href)=\"([^\"]*)\"");
        Set<String> named = new TreeSet<>();
        for (String page : List.of("/", "/console")) {
            Matcher matcher = reference.matcher(text(page));
            while (matcher.find()) {
                named.add(matcher.group(1));
            }
        }
        assertFalse(named.isEmpty());
        for (String path : named) {
            if (path.startsWith("#") || path.equals("data:,")) {
                continue; // a link within the page; no icon, so the browser asks for none
            }
            assertTrue(path.startsWith("/") && !path.startsWith("//"), "a page names " + path);
            assertNotNull(ASSETS.at(path.replaceFirst("\\?.*", "")), "a page names " + path + ", which is not served");
        }
        for (String path : ASSETS.paths()) {
            if (!path.startsWith("/assets/uplot/")) {
                assertFalse(
                        Pattern.compile("https?://(?!www\\.w3\\.org/)")
                                .matcher(text(path))
                                .find(),
                        path + " names another host");
            }
        }
    }

    private static String text(String path) {
        WebAsset asset = ASSETS.at(path);
        return new String(asset.bytes(), StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String path, String ifNoneMatch, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> getBytes(String path, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
