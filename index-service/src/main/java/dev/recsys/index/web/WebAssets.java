package dev.recsys.index.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every file the pages need, by the path it is served at, read from the class path once at start: the
 * {@value #ROOT} folder of this jar ({@code index.html} at {@code /}, {@code console.html} at {@code
 * /console}, everything else at its own path, e.g. {@code /assets/console.js}) and uPlot's script and style
 * from its webjar at {@code /assets/uplot/}. A missing page or a file of an unknown type fails the start, not
 * a request.
 */
public final class WebAssets {
    /** The class-path folder of the pages. */
    static final String ROOT = "web";

    /** The pages served at a path of their own. */
    static final Map<String, String> PAGES = Map.of("index.html", "/", "console.html", "/console");

    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final String UPLOT_VERSION = "META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final List<String> UPLOT_FILES = List.of("uPlot.iife.min.js", "uPlot.min.css");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final Map<String, WebAsset> byPath;

    private WebAssets(Map<String, WebAsset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** The assets this build ships. */
    public static WebAssets load() {
        ClassLoader loader = WebAssets.class.getClassLoader();
        Map<String, WebAsset> byPath = new TreeMap<>();
        try {
            readFolder(loader, byPath);
            String version = uplotVersion(loader);
            for (String name : UPLOT_FILES) {
                byPath.put("/assets/uplot/" + name, asset(name, read(loader, UPLOT + version + "/dist/" + name)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web pages from the class path", e);
        }
        for (String path : PAGES.values()) {
            if (!byPath.containsKey(path)) {
                throw new IllegalStateException("the page served at " + path + " is missing from the class path");
            }
        }
        return new WebAssets(byPath);
    }

    /** The asset served at {@code path}, or {@code null}. */
    public WebAsset at(String path) {
        return byPath.get(path);
    }

    /** Every path served, in order. */
    public List<String> paths() {
        return List.copyOf(new TreeMap<>(byPath).keySet());
    }

    private static void readFolder(ClassLoader loader, Map<String, WebAsset> byPath) throws IOException {
        URL index = loader.getResource(ROOT + "/index.html");
        if (index == null) {
            throw new IllegalStateException("the page served at / is missing from the class path");
        }
        URI uri;
        try {
            uri = index.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable class-path location " + index, e);
        }
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                walk(jar.getPath("/" + ROOT), byPath);
            }
        } else {
            walk(Path.of(uri).getParent(), byPath);
        }
    }

    private static void walk(Path root, Map<String, WebAsset> byPath) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String path = PAGES.getOrDefault(relative, "/" + relative);
                byPath.put(path, asset(relative, Files.readAllBytes(file)));
            }
        }
    }

    private static WebAsset asset(String name, byte[] bytes) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null) {
            throw new IllegalStateException("no media type known for the web asset " + name);
        }
        return WebAsset.of(type, bytes);
    }

    private static String uplotVersion(ClassLoader loader) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = open(loader, UPLOT_VERSION)) {
            properties.load(in);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = open(loader, resource)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the resource " + resource + " is missing from the class path");
        }
        return in;
    }
}
