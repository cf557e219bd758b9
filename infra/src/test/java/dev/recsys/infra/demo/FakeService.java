package dev.recsys.infra.demo;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stands in for the index service in demo tests: answers /readyz with 200 and /v1/feed with one
 * item, on the port after {@code --http-port}. Checks that it got the demo's arguments.
 */
final class FakeService {

    public static void main(String[] args) throws Exception {
        List<String> list = List.of(args);
        if (!list.contains("--demo") || !list.contains("--bootstrap-servers")) {
            System.out.println("fake service: unexpected arguments " + list);
            System.exit(4);
        }
        int port = Integer.parseInt(list.get(list.indexOf("--http-port") + 1));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        server.createContext("/readyz", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/v1/feed", exchange -> {
            byte[] body = "{\"items\":[{\"itemId\":\"item-7\",\"title\":\"Red Running Shoes\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }
}
