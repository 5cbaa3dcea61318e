package io.github.kcpat.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both at fixed paths (override with
 * {@code -Dchromium.binary=…} / {@code -Dchromedriver.path=…}), so Selenium Manager never downloads anything.
 * A fresh profile per instance; screenshots go to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Selenium polls every 500 ms by default: half of that lost, on average, on each of a test's many waits. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final ChromeDriver driver;
    private final Path profile;
    private final String testName;
    private final List<String> consoleErrors = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile, String testName) {
        this.driver = driver;
        this.profile = profile;
        this.testName = testName;
    }

    /**
     * Starts Chromium for a test against {@code server}, or fails (never skips) the calling test when it or its driver
     * is not installed. Screenshots of a server of another version than the main one carry the version in their name.
     */
    public static Browser start(KeycloakServer server, String testName) {
        return start(server.isMainVersion() ? testName : testName + "-" + server.version());
    }

    private static Browser start(String testName) {
        Path binary = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        Path driverPath = Path.of(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));
        for (Path required : List.of(binary, driverPath)) {
            if (!Files.isExecutable(required)) {
                fail(required + " not found: the browser tests need Debian's Chromium and its driver "
                        + "(apt-get install -y chromium chromium-driver), or -Dchromium.binary=… -Dchromedriver.path=…");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("kcpat-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--no-default-browser-check", "--window-size=1440,900",
                        "--lang=en-US", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverPath.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), profile, testName);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Signs in on Keycloak's login page, which the account console redirects to. */
    public void signIn(String username, String password) {
        WebElement user = visible(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    public WebElement visible(By by) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement clickable(By by) {
        return await().until(ExpectedConditions.elementToBeClickable(by));
    }

    public void click(By by) {
        WebElement element = clickable(by);
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    public void gone(By by) {
        await().until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    public WebDriverWait await() {
        return new WebDriverWait(driver, WAIT, POLL);
    }

    /** Saves {@code target/screenshots/<test>-<step>.png} and returns its path. */
    public Path screenshot(String step) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(testName + "-" + step + ".png");
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SEVERE entries of the page's console since the last call, except those {@code expected} accepts. */
    public List<String> consoleErrors(Predicate<String> expected) {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expected.test(entry.getMessage())) {
                consoleErrors.add(entry.getMessage());
            }
        }
        return List.copyOf(consoleErrors);
    }

    /**
     * A browser test's end: the page as the test left it (screenshot {@code last}), then {@code browser} closed, if the
     * test started one. Answers null, for the test's field: {@code browser = Browser.closeAfterTest(browser)}.
     */
    public static Browser closeAfterTest(Browser browser) {
        if (browser != null) {
            browser.screenshot("last");
            browser.close();
        }
        return null;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory; the OS cleans up what is left
            }
        }
    }
}
