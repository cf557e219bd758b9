package dev.recsys.tools.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its own chromedriver: both found from {@code CHROMIUM} and
 * {@code CHROMEDRIVER} (which {@code ./recsys test} sets, installing the packages when they are missing) or
 * at Debian's paths. Selenium is given both, so it never looks for a driver to download. A window of
 * 1280×900, the size of the screenshots in the docs.
 */
final class Browser implements AutoCloseable {
    private final ChromeDriver driver;
    private final String base;

    Browser(String base) {
        this.base = base;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox", // root in CI
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(executable("CHROMEDRIVER", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    private static String executable(String variable, String debianPath) {
        String path = System.getenv(variable);
        if (path == null || path.isBlank()) {
            path = debianPath;
        }
        assertTrue(
                Files.isExecutable(Path.of(path)),
                "the browser tests need " + path + ": run them with ./recsys test, which installs Debian's chromium"
                        + " and chromium-driver, or set " + variable);
        return path;
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebDriverWait waiting(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(25));
        return wait;
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The duration of the page's User Timing measure {@code name} in ms, or -1 when there is none. */
    double measure(String name) {
        Object duration = script(
                "const m = performance.getEntriesByName(arguments[0], 'measure'); return m.length ? m[m.length - 1].duration : -1;",
                name);
        return ((Number) duration).doubleValue();
    }

    /** The time from the navigation's start to the page's User Timing mark {@code name} in ms, or -1. */
    double mark(String name) {
        Object at = script(
                "const m = performance.getEntriesByName(arguments[0], 'mark'); return m.length ? m[m.length - 1].startTime : -1;",
                name);
        return ((Number) at).doubleValue();
    }

    /**
     * The bytes the page transferred for its document and every resource (compressed, as sent), after
     * asserting that each of them came from this server.
     */
    long transferredBytesAllFromHere() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) script(
                "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                        + ".map(e => ({name: e.name, size: e.transferSize}));");
        long bytes = 0;
        for (Map<String, Object> entry : entries) {
            String url = (String) entry.get("name");
            assertTrue(url.startsWith(base + "/"), "the page loaded " + url + " from elsewhere");
            bytes += ((Number) entry.get("size")).longValue();
        }
        return bytes;
    }

    /**
     * Fails on any visible control without an accessible name (a label, {@code aria-label} or, for a button,
     * its text) and on any id used twice.
     */
    void assertControlsAreLabelled() {
        Object unnamed = script("return [...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                + " && !e.getAttribute('aria-labelledby') && !(e.tagName === 'BUTTON' && e.textContent.trim()))"
                + ".map(e => e.outerHTML.slice(0, 120));");
        assertEquals(List.of(), unnamed, "controls without an accessible name");
        Object repeated = script("const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
                + " return ids.filter((id, i) => ids.indexOf(id) !== i);");
        assertEquals(List.of(), repeated, "ids used twice");
    }

    /** Fails on any error the page's console logged since the last call. */
    void assertNoConsoleErrors() {
        assertNoConsoleErrorsBut(message -> false);
    }

    /** Fails on any error the page's console logged since the last call, but those {@code expected} accepts. */
    void assertNoConsoleErrorsBut(Predicate<String> expected) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(expected.negate())
                .toList();
        assertEquals(List.of(), errors, "errors in the browser's console");
    }

    /**
     * Gives the storefront {@code token} as a person who entered it before would have: in this tab's session
     * storage, set on a page of this server that loads nothing else, so the next page is still a first visit.
     */
    void rememberApiToken(String token) {
        open("/healthz");
        script("sessionStorage.setItem('recsys.apiToken', arguments[0]);", token);
        driver.manage().logs().get(LogType.BROWSER); // that page's own: its missing icon
    }

    /** A PNG of the window into {@code dir/name.png}. */
    void screenshot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
