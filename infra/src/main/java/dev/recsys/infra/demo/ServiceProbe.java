package dev.recsys.infra.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain HTTP calls to the index service from the outside, as a user would make them: is it ready, does an
 * event reach a feed, and which item could the printed examples use.
 */
final class ServiceProbe {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final Pattern ITEM_ID = Pattern.compile("\"itemId\"\\s*:\\s*\"([A-Za-z0-9._:-]{1,64})\"");
    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]{1,200})\"");
    private static final Pattern WORD = Pattern.compile("\\p{L}{3,}");
    private static final Pattern PROFILE_VERSION = Pattern.compile("\"profileVersion\"\\s*:\\s*(\\d+)");
    private static final Duration FEED_POLL = Duration.ofMillis(20);

    private final String baseUrl;
    private final HttpClient http;

    ServiceProbe(int httpPort) {
        this.baseUrl = "http://127.0.0.1:" + httpPort;
        this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Whether {@code GET /readyz} answers 200 right now. */
    boolean isReady() throws InterruptedException {
        return get("/readyz").map(r -> r.statusCode() == 200).orElse(false);
    }

    /**
     * An item the service knows, and a word from its title, taken from a simulated shopper's feed,
     * so that the printed curl examples work on this catalog.
     */
    Optional<SampleItem> sampleItem(String user) throws InterruptedException {
        Optional<HttpResponse<String>> feed = get("/v1/feed?user=" + user + "&k=5");
        if (feed.isEmpty() || feed.get().statusCode() != 200) {
            return Optional.empty();
        }
        Matcher id = ITEM_ID.matcher(feed.get().body());
        if (!id.find()) {
            return Optional.empty();
        }
        Matcher title = TITLE.matcher(feed.get().body());
        Optional<String> word = Optional.empty();
        if (title.find(id.start()) || title.find(0)) {
            Matcher w = WORD.matcher(title.group(1));
            if (w.find()) {
                word = Optional.of(w.group().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.of(new SampleItem(id.group(1), word));
    }

    /**
     * Posts a {@code view} of {@code itemId} by {@code shopper} and waits until the shopper's feed is built on
     * it (its {@code profileVersion} passes the one before): the whole path of an event, through the broker and
     * the stream job, works.
     *
     * @return whether it did within {@code timeout}
     */
    boolean eventReachesFeed(String shopper, String itemId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long before = profileVersion(shopper).orElse(0L);
        String event = String.format(
                Locale.ROOT,
                "{\"eventId\":\"%s-%d\",\"userId\":\"%s\",\"itemId\":\"%s\",\"type\":\"view\",\"ts\":%d}",
                shopper,
                System.nanoTime(),
                shopper,
                itemId,
                System.currentTimeMillis());
        HttpRequest post = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event))
                .build();
        try {
            if (http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode() != 202) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        while (System.nanoTime() - deadline < 0) {
            if (profileVersion(shopper).orElse(0L) > before) {
                return true;
            }
            Thread.sleep(FEED_POLL.toMillis());
        }
        return false;
    }

    /** The profile version the shopper's feed is built on, empty without a profile or an answer. */
    private Optional<Long> profileVersion(String shopper) throws InterruptedException {
        Optional<HttpResponse<String>> feed = get("/v1/feed?user=" + shopper + "&k=1");
        if (feed.isEmpty() || feed.get().statusCode() != 200) {
            return Optional.empty();
        }
        Matcher version = PROFILE_VERSION.matcher(feed.get().body());
        return version.find() ? Optional.of(Long.parseLong(version.group(1))) : Optional.empty();
    }

    private Optional<HttpResponse<String>> get(String pathAndQuery) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** An item id for the examples and, if its title has one, a word to search for. */
    record SampleItem(String itemId, Optional<String> searchWord) {}
}
