package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the tests: headless Chromium driven by Debian's chromedriver through Selenium, with a fresh
 * profile and one preferred language. Selenium Manager is never asked for anything (the driver and the binary are
 * given), so it works offline.
 *
 * <p>Where the browser is missing, {@link #start} fails with the packages to install, so CI cannot pass without the
 * browser tests; only system property {@value #SKIP_PROPERTY}{@code =true} turns that into a skip
 * ({@link #skipReason()}).
 *
 * <p>Paths: system properties {@code jit.it.chromedriver} (default {@code /usr/bin/chromedriver}) and
 * {@code jit.it.chromium} (default {@code /usr/bin/chromium}).
 */
public final class Browser implements AutoCloseable {

    /** {@code -Djit.it.browser.skip=true}: skip the browser tests where no Chromium is installed (never on CI). */
    public static final String SKIP_PROPERTY = "jit.it.browser.skip";
    /** How long a page may take to appear: a wait for the server, not a timed assertion. */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 900;
    /**
     * Selenium warns at every start that it has no DevTools binding for this Chromium version; nothing here uses
     * DevTools. Held in a field: java.util.logging keeps loggers only weakly.
     */
    private static final Logger CDP_VERSION_WARNINGS = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_WARNINGS.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Path driverPath() {
        return Path.of(System.getProperty("jit.it.chromedriver", "/usr/bin/chromedriver"));
    }

    static Path binaryPath() {
        return Path.of(System.getProperty("jit.it.chromium", "/usr/bin/chromium"));
    }

    /** Why the browser cannot start here, or {@code null} when it can. */
    static String missing() {
        if (!Files.isExecutable(driverPath())) {
            return "no chromedriver at " + driverPath() + " (install the Debian packages: apt-get install -y chromium chromium-driver)";
        }
        if (!Files.isExecutable(binaryPath())) {
            return "no Chromium at " + binaryPath() + " (install the Debian packages: apt-get install -y chromium chromium-driver)";
        }
        return null;
    }

    /**
     * The reason to skip the browser tests: only when Chromium is missing and {@value #SKIP_PROPERTY} is
     * {@code true}; {@code null} otherwise (then {@link #start} runs, and fails loudly if the browser is missing).
     */
    public static String skipReason() {
        String missing = missing();
        return missing != null && Boolean.getBoolean(SKIP_PROPERTY) ? missing + "; skipped because -D" + SKIP_PROPERTY + "=true" : null;
    }

    /** Starts headless Chromium whose preferred language is {@code language} (e.g. {@code Locale.GERMAN}). */
    public static Browser start(Locale language) {
        String missing = missing();
        if (missing != null) {
            throw new IllegalStateException(missing + "; or run with -D" + SKIP_PROPERTY + "=true to skip the browser tests");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("jit-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binaryPath().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + WIDTH + "," + HEIGHT, "--lang=" + language.toLanguageTag());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language.toLanguageTag()));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverPath().toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** Opens {@code url} and waits until the page has loaded. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** Waits until an element matching {@code by} is visible and returns it. */
    public WebElement await(By by) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(by), "an element " + by);
    }

    /** Waits until {@code condition} holds; on timeout, fails with the page the browser shows. */
    public <T> T waitFor(ExpectedCondition<T> condition, String what) {
        try {
            return new WebDriverWait(driver, PAGE_WAIT).until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError("waited " + PAGE_WAIT.toSeconds() + " s for " + what + "; the browser shows "
                    + url() + ":\n" + text(), e);
        }
    }

    /** Waits until the URL starts with {@code prefix}. */
    public Browser awaitUrl(String prefix) {
        waitFor(d -> d.getCurrentUrl().startsWith(prefix), "a URL starting with " + prefix);
        return this;
    }

    /** Clears the visible field {@code by} and types {@code text}. */
    public Browser type(By by, String text) {
        WebElement field = await(by);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** Clicks the visible element {@code by}. */
    public Browser click(By by) {
        waitFor(ExpectedConditions.elementToBeClickable(by), "a clickable element " + by).click();
        return this;
    }

    /** The visible text of the whole page. */
    public String text() {
        List<WebElement> body = driver.findElements(By.tagName("body"));
        return body.isEmpty() ? "" : body.get(0).getText();
    }

    /** The visible text of the element {@code by} (waits until it is visible). */
    public String text(By by) {
        return await(by).getText();
    }

    /** Whether any element matches {@code by} right now (no waiting). */
    public boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    public String title() {
        return driver.getTitle();
    }

    /** The {@code href} of the element {@code by}, resolved against the page. */
    public String href(By by) {
        return await(by).getDomProperty("href");
    }

    /** Writes a PNG of the visible window to {@code file} (folders are created). */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every cookie of the current site (a new visitor for the next page). */
    public Browser deleteCookies() {
        driver.manage().deleteAllCookies();
        return this;
    }

    /** The Selenium driver, for what this class does not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary profile; the OS cleans /tmp
        }
    }

    @Override
    public String toString() {
        return "headless Chromium (" + binaryPath() + ", " + driverPath() + ") at " + url().toLowerCase(Locale.ROOT);
    }
}
