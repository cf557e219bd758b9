package dev.recsys.index.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * One file as served: its bytes, the same gzip-compressed (kept only when smaller), its media type, and an
 * entity tag per encoding so that a browser revalidates instead of downloading again.
 *
 * @param gzipped the compressed bytes, or {@code null} when compressing does not make them smaller
 */
public record WebAsset(String contentType, byte[] bytes, byte[] gzipped, String etag) {

    /** The asset of {@code bytes}, compressed once here rather than on every request. */
    public static WebAsset of(String contentType, byte[] bytes) {
        byte[] gzipped = gzip(bytes);
        return new WebAsset(contentType, bytes, gzipped.length < bytes.length ? gzipped : null, etag(bytes));
    }

    /** The entity tag of the gzip-compressed form: a strong tag must differ between encodings. */
    public String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gz\"";
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
