package dev.recsys.tools.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recsys.index.IndexService;
import dev.recsys.index.catalog.CatalogFile;
import dev.recsys.index.catalog.SampleCatalog;
import dev.recsys.infra.KafkaBrokerExtension;
import dev.recsys.ranker.json.InteractionEventJson;
import dev.recsys.ranker.records.CatalogItem;
import dev.recsys.ranker.records.EventType;
import dev.recsys.ranker.records.InteractionEvent;
import dev.recsys.ranker.records.Topics;
import dev.recsys.tools.pipeline.RunningPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The storefront and the operator console as a person uses them, in a real browser (Debian's Chromium)
 * against the real system: a Kafka broker, the stream job on a Flink MiniCluster and the index service
 * with a catalog of 1,500 items. A click in the storefront must reach the shopper's feed; a reindex of a file
 * on the server started in the console must list the generation it builds, name the record it rejected, make
 * the new generation live, and a rollback the old one; a record the stream job
 * rejects must show among the console's dead letters, an event delivered twice among its duplicates. The
 * service needs an API token, which the storefront asks for. Every page is checked for
 * errors in the browser's console and for requests that leave this server; the screenshots go to {@code
 * recsys.screenshots} (default {@code target/screenshots}; the docs' images are made with {@code
 * -Drecsys.screenshots=../docs/images}).
 *
 * <p>The timings a person would feel (the storefront's first render, a click until the refreshed feed is
 * drawn) are printed, not asserted: they are recorded in docs/BENCHMARKS.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the console last, to show the storefront's exposure
class WebPagesBrowserIT {
    private static final String ADMIN_TOKEN = "browser-admin-token";
    private static final String API_TOKEN = "browser-api-token";
    private static final Duration FEED_DEADLINE = Duration.ofSeconds(10);
    private static final Duration REINDEX_DEADLINE = Duration.ofSeconds(120);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir
    static Path dir;

    private static List<CatalogItem> items;
    private static RunningPipeline pipeline;
    private static IndexService service;
    private static String base;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("recsys.screenshots", "target/screenshots"));

    private Browser browser;

    @BeforeAll
    static void startSystem() throws Exception {
        items = SampleCatalog.generate(1_500, 21);
        pipeline = RunningPipeline.start(
                kafka.bootstrapServers(),
                dir,
                items,
                RunningPipeline.Settings.of(1, "hashed", ADMIN_TOKEN, Duration.ofSeconds(60))
                        .withApiToken(API_TOKEN));
        service = pipeline.service();
        base = pipeline.base();
    }

    @AfterAll
    static void stopSystem() throws Exception {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = new Browser(base);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    @Order(1)
    void aClickInTheStorefrontReachesTheShoppersFeed() throws Exception {
        browser.rememberApiToken(API_TOKEN);
        browser.open("/?user=web-shopper-1");
        browser.waiting(FEED_DEADLINE)
                .until(d -> !browser.findAll("#feed li.item").isEmpty());
        double firstRender = browser.mark("feed-rendered");
        long pageBytes = browser.transferredBytesAllFromHere();
        List<String> before = feedIds();
        assertEquals("", browser.find("#feed").getDomAttribute("data-profile-version"), "a new shopper has no profile");

        WebElement first = browser.find("#feed li.item .open-item");
        String clicked = browser.find("#feed li.item").getDomAttribute("data-item-id");
        first.click();
        browser.waiting(FEED_DEADLINE).until(d -> "1".equals(profileVersion()));
        browser.waiting(FEED_DEADLINE).until(d -> browser.measure("event-to-feed") > 0);
        double clickToFeed = browser.measure("event-to-feed");
        List<String> after = feedIds();
        assertNotEquals(before, after, "the feed follows the click");
        assertFalse(after.contains(clicked), "what the shopper just clicked leaves their feed");
        browser.waiting(FEED_DEADLINE)
                .until(d -> !browser.findAll("#similar li.similar-item").isEmpty());
        assertTrue(browser.find("#item-panel").getText().contains(titleOf(clicked)), "the item's panel opened");
        browser.screenshot(SCREENSHOTS, "storefront");

        browser.assertControlsAreLabelled();
        // By keyboard: the button has the focus, Enter presses it.
        browser.find("#feed li.item .add-to-cart").sendKeys(Keys.ENTER);
        browser.waiting(FEED_DEADLINE).until(d -> "2".equals(profileVersion()));
        assertFalse(
                browser.findAll("#feed li.item.moved-up, #feed li.item.moved-down, #feed li.item.new-in-feed")
                        .isEmpty(),
                "the items that moved are marked");
        browser.assertNoConsoleErrors();
        System.out.printf(
                Locale.ROOT,
                "browser: storefront first render %.0f ms, %d bytes transferred; click -> refreshed feed %.0f ms%n",
                firstRender,
                pageBytes,
                clickToFeed);
    }

    @Test
    @Order(2)
    void aSearchInTheStorefrontFindsTheItemsNamedOnceGivenTheApiToken() throws Exception {
        browser.open("/?user=web-shopper-2");
        browser.waiting(FEED_DEADLINE)
                .until(d -> browser.find("#api-token-form").isDisplayed());
        assertTrue(browser.findAll("#feed li.item").isEmpty(), "no feed without the token");
        assertEquals(
                browser.find("#api-token"), browser.driver().switchTo().activeElement(), "the token box has the focus");
        browser.find("#api-token").sendKeys(API_TOKEN, Keys.ENTER);
        browser.waiting(FEED_DEADLINE)
                .until(d -> !browser.findAll("#feed li.item").isEmpty());
        assertFalse(browser.find("#api-token-form").isDisplayed());
        assertEquals(API_TOKEN, browser.script("return sessionStorage.getItem('recsys.apiToken')"));
        assertEquals(0L, browser.script("return localStorage.length"), "the token stays in the tab's session");
        String word = items.get(7).title().split(" ")[0];
        browser.find("#q").sendKeys(word, Keys.ENTER);
        browser.waiting(FEED_DEADLINE)
                .until(d -> !browser.findAll("#results li.item").isEmpty());
        String results = browser.find("#results").getText().toLowerCase(Locale.ROOT);
        assertTrue(results.contains(word.toLowerCase(Locale.ROOT)), "the results name '" + word + "': " + results);
        browser.screenshot(SCREENSHOTS, "search");
        // The requests refused before the token was given are the only errors.
        browser.assertNoConsoleErrorsBut(message -> message.contains("status of 401"));
    }

    @Test
    @Order(3)
    void aReindexStartedInTheConsoleGoesLiveAndRollsBack() throws Exception {
        kafka.produce(Topics.INTERACTIONS, "web-shopper-bad", "not an event");
        String replayed = InteractionEventJson.write(InteractionEvent.of(
                "web-replayed-1", "web-shopper-3", items.get(3).itemId(), EventType.VIEW, System.currentTimeMillis()));
        kafka.produce(Topics.INTERACTIONS, "web-shopper-3", replayed);
        kafka.produce(Topics.INTERACTIONS, "web-shopper-3", replayed); // delivered twice: one is dropped
        browser.open("/console");
        browser.find("#token").sendKeys(ADMIN_TOKEN);
        browser.find("#token-form button[type=submit]").click();
        browser.waiting(FEED_DEADLINE)
                .until(d -> !browser.find("#live-generation").getText().isBlank());
        System.out.printf(
                Locale.ROOT, "browser: console %d bytes transferred%n", browser.transferredBytesAllFromHere());
        browser.assertControlsAreLabelled();
        String liveBefore = browser.find("#live-generation").getText().trim();

        // A catalog file on the server: the same items and one without its seller, which is rejected.
        Path file = dir.resolve("service/catalog-refresh.jsonl");
        CatalogFile.write(file, items);
        Files.writeString(
                file, "{\"itemId\":\"web-no-seller\",\"title\":\"Broken\",\"price\":5}\n", StandardOpenOption.APPEND);
        new Select(browser.find("#reindex-format")).selectByValue("jsonl");
        browser.find("#reindex-source").sendKeys(file.toAbsolutePath().toString());
        browser.find("details.console-limits summary").click();
        browser.find("#reindex-max-rate").clear();
        browser.find("#reindex-max-rate").sendKeys("300"); // 5 s of indexing: long enough to see it built
        browser.find("#start-reindex").click();
        browser.waiting(FEED_DEADLINE).until(d -> !browser.findAll("#generations-table tr.is-building")
                .isEmpty());
        assertEquals(
                Integer.toString(Integer.parseInt(liveBefore) + 1),
                browser.find("#generations-table tr.is-building").getDomAttribute("data-generation"),
                "the generation being built is listed");
        // While it runs: the time left and the rate.
        browser.waiting(FEED_DEADLINE)
                .until(d -> browser.find("#reindex-eta").getText().matches("about \\d+ s left")
                        && browser.find("#reindex-rate").getText().endsWith("items/s"));
        browser.waiting(REINDEX_DEADLINE)
                .until(d -> browser.find("#reindex-phase").getText().contains("succeeded"));
        assertEquals("100", browser.find("#reindex-progress").getDomProperty("value"));
        String rejected = browser.find("#reindex-errors").getText();
        assertTrue(rejected.startsWith("line " + (items.size() + 1) + ": sellerId"), "its line and field: " + rejected);
        browser.waiting(FEED_DEADLINE)
                .until(d -> !browser.find("#live-generation").getText().trim().equals(liveBefore));
        String liveAfter = browser.find("#live-generation").getText().trim();
        assertEquals(Integer.parseInt(liveBefore) + 1, Integer.parseInt(liveAfter), "the new generation is live");
        browser.screenshot(SCREENSHOTS, "console");

        browser.find("#rollback").click();
        browser.waiting(FEED_DEADLINE)
                .until(d -> browser.find("#confirm-rollback").isDisplayed());
        browser.find("#confirm-rollback-yes").click();
        browser.waiting(FEED_DEADLINE)
                .until(d -> browser.find("#live-generation").getText().trim().equals(liveBefore));

        browser.waiting(FEED_DEADLINE)
                .until(d -> browser.find("#dead-letters-summary").getText().startsWith("1 in all"));
        assertTrue(browser.find("#dead-letters-table").getText().contains("'not an event'"), "the rejected record");
        // Duplicates only the job sees: the service reads them from the job's metrics.
        browser.waiting(FEED_DEADLINE)
                .withMessage(() -> "the console's stream job: "
                        + browser.find("#stream-job-table").getText())
                .until(d -> browser.find("#stream-job-table").getText().contains("Duplicates dropped 1"));
        String streamJob = browser.find("#stream-job-table").getText();
        assertTrue(streamJob.contains("Interactions rejected (dead-lettered) 1"), streamJob);
        assertTrue(
                streamJob.matches("(?s).*Event → vector p99 \\(slowest subtask\\) [0-9.]+ m?s.*"),
                "the job's freshness: " + streamJob);
        // Request rates and latency from /metrics: the storefront's feeds are among them.
        browser.waiting(FEED_DEADLINE)
                .until(d -> browser.find("#endpoint-table").getText().contains("/v1/feed"));

        browser.script("document.getElementById('fairness').scrollIntoView()");
        browser.waiting(FEED_DEADLINE)
                .until(d -> !browser.find("#fairness-summary").getText().isBlank());
        // A line, not a dot: two samples of the exposure, 5 s apart.
        browser.waiting(FEED_DEADLINE)
                .until(d -> Integer.parseInt(Objects.requireNonNullElse(
                                browser.find("#fairness").getDomAttribute("data-samples"), "0"))
                        >= 2);
        assertTrue(browser.find("#sellers-summary").getText().contains("seller-"), "the largest sellers' exposure");
        browser.screenshot(SCREENSHOTS, "console-fairness");
        browser.assertNoConsoleErrors();
        assertTrue(Files.isRegularFile(SCREENSHOTS.resolve("console.png")));
    }

    private List<String> feedIds() {
        return browser.findAll("#feed li.item").stream()
                .map(item -> item.getDomAttribute("data-item-id"))
                .toList();
    }

    private String profileVersion() {
        String version = browser.find("#feed").getDomAttribute("data-profile-version");
        return version == null ? "" : version;
    }

    private static String titleOf(String itemId) {
        return items.stream()
                .filter(item -> item.itemId().equals(itemId))
                .findFirst()
                .orElseThrow()
                .title();
    }
}
