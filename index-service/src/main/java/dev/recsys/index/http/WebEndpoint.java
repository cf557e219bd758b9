package dev.recsys.index.http;

import dev.recsys.index.web.WebAsset;
import dev.recsys.index.web.WebAssets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web pages and their files ({@link WebAssets}): {@code GET /} (the storefront), {@code /console} (the
 * operator console) and {@code /assets/…}. No token: the pages hold no data, they call the API like any
 * client, and the console asks for the admin token itself. Files go out gzip-compressed when the browser
 * takes it, with an entity tag so that a reload costs a 304; a policy that lets the pages load and connect
 * to nothing but this server.
 */
public final class WebEndpoint extends ApiHandler {
    /**
     * What a page may load and call: this server only. No inline script or style, no frames, forms that post
     * only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    private final WebAssets assets;

    /**
     * @param path {@code /}, {@code /console} (exact) or {@code /assets/} (the files under it)
     */
    private WebEndpoint(String path, boolean exact, WebAssets assets) {
        super(path, exact, "GET");
        this.assets = assets;
    }

    /** The endpoints of every page and file of {@code assets}. */
    public static WebEndpoint[] all(WebAssets assets) {
        return new WebEndpoint[] {
            new WebEndpoint("/", true, assets),
            new WebEndpoint("/console", true, assets),
            new WebEndpoint("/assets/", false, assets)
        };
    }

    @Override
    protected ApiResponse serve(ApiRequest request) {
        WebAsset asset = assets.at(request.path());
        if (asset == null) {
            throw ApiException.notFound("no such path: " + request.pathExcerpt());
        }
        boolean gzip = asset.gzipped() != null && acceptsGzip(request.header("Accept-Encoding"));
        String etag = gzip ? asset.gzipEtag() : asset.etag();
        Map<String, String> headers = new LinkedHashMap<>();
        // Revalidated on every use: a new release is seen at once, an unchanged file costs a 304.
        headers.put("Cache-Control", "no-cache");
        headers.put("ETag", etag);
        headers.put("Vary", "Accept-Encoding");
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        if (etag.equals(request.header("If-None-Match"))) {
            return ApiResponse.bytes(304, asset.contentType(), new byte[0]).withHeaders(headers);
        }
        if (gzip) {
            headers.put("Content-Encoding", "gzip");
        }
        return ApiResponse.bytes(200, asset.contentType(), gzip ? asset.gzipped() : asset.bytes())
                .withHeaders(headers);
    }

    /** Whether an {@code Accept-Encoding} header takes gzip (and does not refuse it with {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim();
            if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
                for (int i = 1; i < pieces.length; i++) {
                    String parameter = pieces[i].trim().replace(" ", "");
                    if (parameter.equals("q=0") || parameter.matches("q=0\\.0{0,3}")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }
}
