package dev.recsys.tools.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/** A real HTTP server (Jetty) on a free loopback port that plays the index service's side in tool tests. */
final class TestServer implements AutoCloseable {
    /** One request as the server saw it. */
    record Seen(String method, String uri, String authorization, String body) {}

    /** Answers one request: status and JSON body. */
    interface Handler {
        Answer answer(Seen request);
    }

    record Answer(int status, String body) {}

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Server server;
    private final ServerConnector connector;

    TestServer(Handler handler) throws IOException {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(
                new org.eclipse.jetty.server.Handler.Abstract() { // blocking: the answer may wait
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        respond(request, response, callback, handler);
                        return true;
                    }
                });
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("cannot start the test server", e);
        }
    }

    private void respond(Request request, Response response, Callback callback, Handler handler) throws Exception {
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        Seen seenRequest = new Seen(
                request.getMethod(),
                request.getHttpURI().getPathQuery(),
                request.getHeaders().get(HttpHeader.AUTHORIZATION),
                body);
        seen.add(seenRequest);
        Answer answer = handler.answer(seenRequest);
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(answer.body().getBytes(StandardCharsets.UTF_8)), callback);
    }

    String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test server", e);
        }
    }
}
