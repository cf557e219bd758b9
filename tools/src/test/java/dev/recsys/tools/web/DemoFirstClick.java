package dev.recsys.tools.web;

import java.time.Duration;
import java.util.Locale;
import org.openqa.selenium.TimeoutException;

/**
 * What the first person to use a demo that just said "ready" feels, measured in Debian's Chromium: the
 * storefront's first render for a shopper nobody has seen, then their first click until the refreshed feed
 * is drawn (the page's own User Timing marks, as in the browser test). Run by {@code bench/demo-first-click.sh}
 * right after {@code ./recsys demo} prints its guide; not a test, so nothing is asserted.
 *
 * <p>Usage: {@code DemoFirstClick [BASE_URL=http://127.0.0.1:8080]}
 */
public final class DemoFirstClick {
    /** Longer than the page waits for a new profile (5 s), after which it says so in its status line. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private DemoFirstClick() {}

    public static void main(String[] args) {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String shopper = "first-click-" + Long.toString(System.currentTimeMillis(), 36);
        try (Browser browser = new Browser(base)) {
            browser.open("/?user=" + shopper);
            browser.waiting(DEADLINE)
                    .until(d -> !browser.findAll("#feed li.item").isEmpty());
            double firstRender = browser.mark("feed-rendered");
            browser.find("#feed li.item .open-item").click();
            try {
                browser.waiting(DEADLINE).until(d -> browser.measure("event-to-feed") > 0);
            } catch (TimeoutException e) {
                System.out.printf(
                        Locale.ROOT,
                        "first render %.0f ms; the first click did not reach the feed: %s%n",
                        firstRender,
                        browser.find("#status").getText());
                System.exit(1);
            }
            System.out.printf(
                    Locale.ROOT,
                    "first render %.0f ms; first click -> refreshed feed %.0f ms%n",
                    firstRender,
                    browser.measure("event-to-feed"));
        }
    }
}
