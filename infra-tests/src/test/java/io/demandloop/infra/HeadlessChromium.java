package io.demandloop.infra;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.print.PrintOptions;

/**
 * The system's Chromium (Debian's {@code chromium}), headless, driven through its own {@code chromedriver}
 * (Debian's {@code chromium-driver}) by Selenium. Both paths are given, so Selenium Manager never looks for a
 * browser or a driver on the network.
 *
 * <p>Where the browser is missing, the tier is skipped on a developer's machine (one line says why) and fails in CI:
 * {@value #REQUIRED_PROPERTY}{@code =true}, or the environment variable {@code CI=true} that CI sets.
 */
final class HeadlessChromium implements AutoCloseable {

    /** When true, a missing browser or driver fails the tier instead of skipping it. */
    static final String REQUIRED_PROPERTY = "demandloop.browser.required";
    /** Another Chromium binary than {@value #DEFAULT_BROWSER}. */
    static final String BROWSER_PROPERTY = "demandloop.chromium";
    /** Another chromedriver than {@value #DEFAULT_DRIVER}. */
    static final String DRIVER_PROPERTY = "demandloop.chromedriver";
    static final String DEFAULT_BROWSER = "/usr/bin/chromium";
    static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";
    /** The viewport the pages are checked (and photographed) in: a laptop's. */
    static final Dimension VIEWPORT = new Dimension(1280, 900);

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Whether a missing browser fails the tier: the property, else {@code CI=true}. */
    static boolean required() {
        String property = System.getProperty(REQUIRED_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Boolean.parseBoolean(property.trim());
        }
        return "true".equalsIgnoreCase(System.getenv().getOrDefault("CI", "").trim());
    }

    /** What is missing to run the tier, if anything. */
    static Optional<String> missing() {
        Path browser = Path.of(System.getProperty(BROWSER_PROPERTY, DEFAULT_BROWSER));
        Path driver = Path.of(System.getProperty(DRIVER_PROPERTY, DEFAULT_DRIVER));
        if (!Files.isExecutable(browser)) {
            return Optional.of("no Chromium at " + browser);
        }
        if (!Files.isExecutable(driver)) {
            return Optional.of("no chromedriver at " + driver);
        }
        return Optional.empty();
    }

    /**
     * Starts the browser; where it is missing, skips the calling test class with one line (or fails it when
     * {@link #required()}).
     */
    static HeadlessChromium startOrSkip(String tier) {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            String line = tier + ": " + missing.get() + " (apt-get install chromium chromium-driver, or -D"
                    + BROWSER_PROPERTY + "=… -D" + DRIVER_PROPERTY + "=…)";
            if (required()) {
                throw new IllegalStateException(line + "; the browser tier is required here (" + REQUIRED_PROPERTY
                        + "=true or CI=true), so it fails instead of skipping");
            }
            System.err.println("SKIPPED " + line);
            Assumptions.abort(line);
        }
        return start();
    }

    private static HeadlessChromium start() {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty(DRIVER_PROPERTY, DEFAULT_DRIVER)))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty(BROWSER_PROPERTY, DEFAULT_BROWSER));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + VIEWPORT.width + "," + VIEWPORT.height, "--lang=en-GB",
                // nothing of the page's own may go to the network; these keep the browser's own traffic off too
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--hide-scrollbars");
        // an alert a vector opens stays open, so that the test can see it, instead of being dismissed by the driver
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code html} written to a file in {@code dir} (as {@code file://}); returns the console entries it left. */
    List<LogEntry> open(Path dir, String name, String html) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, html, StandardCharsets.UTF_8);
        return open(file);
    }

    /** Opens a file; returns the console entries the load left (every level). */
    List<LogEntry> open(Path file) {
        severe(); // drop what an earlier page left
        driver.manage().window().setSize(VIEWPORT);
        driver.get(file.toUri().toString());
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** The console entries since the last read, SEVERE only. */
    List<LogEntry> severe() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The text of the alert dialog open now, if one is. */
    Optional<String> openAlert() {
        try {
            return Optional.of(driver.switchTo().alert().getText());
        } catch (NoAlertPresentException e) {
            return Optional.empty();
        }
    }

    /** Dismisses the open alert dialogs, if any (a page may open several). */
    void dismissAlerts() {
        for (int i = 0; i < 10 && openAlert().isPresent(); i++) {
            driver.switchTo().alert().dismiss();
        }
    }

    /** The page printed by Chromium as PDF (its print stylesheet applies), A4 portrait, backgrounds off. */
    byte[] printToPdf() {
        PrintOptions print = new PrintOptions();
        print.setPageSize(new org.openqa.selenium.print.PageSize(29.7, 21.0));
        print.setOrientation(PrintOptions.Orientation.PORTRAIT);
        return Base64.getDecoder().decode(driver.print(print).getContent());
    }

    /** A PNG of the whole page: the window is made as tall as the document first. */
    byte[] fullPageScreenshot() {
        Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(VIEWPORT.width, Math.max(VIEWPORT.height, height.intValue())));
        try {
            return driver.getScreenshotAs(OutputType.BYTES);
        } finally {
            driver.manage().window().setSize(VIEWPORT);
        }
    }

    /** The browser's version, for the test's log. */
    String version() {
        Object version = driver.getCapabilities().getCapability("browserVersion");
        return String.valueOf(version).toLowerCase(Locale.ROOT);
    }


    @Override
    public void close() {
        driver.quit();
    }
}
