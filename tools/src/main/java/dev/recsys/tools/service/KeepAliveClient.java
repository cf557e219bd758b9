package dev.recsys.tools.service;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 GET client over one keep-alive connection, for the load tool: each worker owns
 * one, so a request waits for nothing but its own connection. The JDK {@code HttpClient} added a tail
 * of hundreds of milliseconds to about 1% of requests at modest open-loop rates, which the service's
 * own latency histogram did not show; a load tool must not measure itself. Reads {@code
 * Content-Length} and chunked bodies; reconnects once when the server closed an idle connection.
 */
final class KeepAliveClient implements Closeable {
    /** A status and body. */
    record Response(int status, String body) {}

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private final String token;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** @param token sent as {@code Authorization: Bearer <token>} with every request, or {@code null} */
    KeepAliveClient(URI base, int timeoutMillis, String token) {
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.timeoutMillis = timeoutMillis;
        this.token = token;
    }

    /** GETs {@code pathAndQuery} (already encoded), reconnecting once if the connection was closed. */
    Response get(String pathAndQuery) throws IOException {
        boolean fresh = socket == null;
        try {
            return exchange(pathAndQuery);
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange(pathAndQuery); // the server may close an idle connection at any time
        }
    }

    private Response exchange(String pathAndQuery) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            out = socket.getOutputStream();
        }
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nAccept: application/json\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0; ) {
                copy(body, size);
                line(); // the CRLF after the chunk
                size = Long.parseLong(line().split(";")[0].strip(), 16);
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
        } else if (length > 0) {
            copy(body, length);
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private void copy(ByteArrayOutputStream to, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("connection closed in a body");
            }
            to.write(buffer, 0, read);
            left -= read;
        }
    }

    /** One header line without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
