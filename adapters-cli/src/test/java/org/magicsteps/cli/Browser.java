package org.magicsteps.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver: both given by path, so that
 * Selenium Manager never looks for (or downloads) a browser or a driver. Each instance has a fresh
 * profile and download folder. Waits are on conditions, with a deadline.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;
    private final Path screenshots;

    Browser(Path work, Path screenshots) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver ("
                    + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver "
                    + "(bin/verify installs them)");
        }
        try {
            profile = Files.createDirectories(work.resolve("profile"));
            downloads = Files.createDirectories(work.resolve("downloads"));
            this.screenshots = Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--lang=pt-BR", "--window-size=1280,900", "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        prefs.put("intl.accept_languages", "pt-BR");
        options.setExperimentalOption("prefs", prefs);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(work.resolve("chromedriver.log").toFile())
                .build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T await(ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Waits until the element's text contains {@code text}, and answers the element's whole text. */
    String awaitText(String css, String text) {
        return await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty() || !found.get(0).isDisplayed()) {
                return null;
            }
            String shown = found.get(0).getText();
            return shown.contains(text) ? shown : null;
        });
    }

    WebElement awaitVisible(String css) {
        return await(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).isDisplayed() ? found.get(0) : null;
        });
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The page's full width in CSS pixels: wider than the window means the user must scroll sideways. */
    long scrollWidth() {
        return ((Number) script("return document.documentElement.scrollWidth")).longValue();
    }

    /** Writes a screenshot of what is on screen now under the screenshots folder. */
    Path screenshot(String name) {
        return keep(driver.getScreenshotAs(OutputType.FILE), name);
    }

    /** Writes a picture of one element (as the page shows it now) under the screenshots folder. */
    Path screenshotOf(WebElement element, String name) {
        script("arguments[0].scrollIntoView()", element);
        return keep(element.getScreenshotAs(OutputType.FILE), name);
    }

    private Path keep(File shot, String name) {
        Path target = screenshots.resolve(name + ".png");
        try {
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Waits until the browser has finished saving {@code fileName} in the download folder. */
    Path awaitDownload(String fileName) {
        Path file = downloads.resolve(fileName);
        return await(d -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(fileName + ".crdownload"))
                ? file : null);
    }

    /** The browser console's messages since the last call: errors, CSP violations, failed loads. */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** Forgets the signed-in user of this tab, as closing it would. */
    void forgetSession(String baseUrl) {
        open(baseUrl + "/");
        script("sessionStorage.clear()");
    }

    @Override
    public void close() {
        driver.quit();
    }
}
