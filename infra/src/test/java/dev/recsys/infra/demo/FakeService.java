package dev.recsys.infra.demo;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the index service in demo tests: answers /readyz with 200, takes events on /v1/events and
 * answers /v1/feed with one item and a profile version that counts the events taken, on the port after
 * {@code --http-port}. Checks that it got the demo's arguments.
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
        AtomicLong events = new AtomicLong();
        server.createContext("/v1/events", exchange -> {
            exchange.getRequestBody().readAllBytes();
            events.incrementAndGet();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.createContext("/v1/feed", exchange -> {
            byte[] body = ("{\"profileVersion\":" + events.get()
                            + ",\"items\":[{\"itemId\":\"item-7\",\"title\":\"Red Running Shoes\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }
}
