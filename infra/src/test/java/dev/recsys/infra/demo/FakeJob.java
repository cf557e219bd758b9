package dev.recsys.infra.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Stands in for the stream job in demo tests: runs until stopped, or, with the system property
 * {@code fake.failAfterReadyOnPort} (passed with --jvm-opts), waits until the service on that port
 * is ready, lets the demo notice, and then fails with exit code 3; with {@code fake.exitCode} it exits
 * at once with that code.
 */
final class FakeJob {

    public static void main(String[] args) throws Exception {
        System.out.println("fake job started with " + String.join(" ", args));
        Integer exitCode = Integer.getInteger("fake.exitCode");
        if (exitCode != null) {
            System.out.println("fake job: exiting with " + exitCode);
            System.exit(exitCode);
        }
        Integer port = Integer.getInteger("fake.failAfterReadyOnPort");
        if (port != null) {
            awaitReady(port);
            Thread.sleep(1_500);
            System.out.println("fake job: lost the connection to the cluster");
            System.exit(3);
        }
        Thread.sleep(Duration.ofMinutes(2));
    }

    private static void awaitReady(int port) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (true) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
    }
}
