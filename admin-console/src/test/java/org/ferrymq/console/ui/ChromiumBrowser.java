package org.ferrymq.console.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: both paths are given to
 * Selenium, so Selenium Manager never looks for (or downloads) a browser or a driver. Each
 * instance has a fresh profile directory, deleted on close.
 *
 * <p>Owned by the test thread that created it (WebDriver is not thread-safe).
 */
final class ChromiumBrowser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final String baseUrl;

    private ChromiumBrowser(String baseUrl, Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.service = service;
        this.driver = driver;
    }

    /**
     * Starts the browser, or skips the calling test when Chromium is not installed on a developer
     * machine (on CI, where {@code .ci/run} installs it, a missing browser is a failure).
     */
    static ChromiumBrowser start(String baseUrl) throws IOException {
        File binary = new File(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        File driverPath = new File(System.getProperty("chromedriver.path", "/usr/bin/chromedriver"));
        boolean installed = binary.canExecute() && driverPath.canExecute();
        if (!installed && System.getenv("CI") == null) {
            Assumptions.abort("Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        }
        System.setProperty("webdriver.chrome.driver", driverPath.getPath());
        Path profile = Files.createTempDirectory("ferrymq-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverPath)
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new ChromiumBrowser(baseUrl, profile, service, driver);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens a console route ("#/queues"); the page itself is loaded only once. */
    void go(String route) {
        String current = driver.getCurrentUrl();
        if (current == null || !current.startsWith(baseUrl)) {
            driver.get(baseUrl + "/" + route);
        } else {
            script("location.hash = arguments[0]", route);
        }
    }

    /** Loads the page afresh (a new session for the console: logged out). */
    void reload() {
        driver.get(baseUrl + "/");
    }

    void login(String user, String password) {
        driver.get(baseUrl + "/");
        WebElement name = visible(By.id("login-username"));
        name.clear();
        name.sendKeys(user);
        WebElement pass = driver.findElement(By.id("login-password"));
        pass.clear();
        pass.sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    void logout() {
        click(By.id("logout"));
        visible(By.id("login-username"));
    }

    WebElement visible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void click(By by) {
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    void type(By by, String text) {
        WebElement field = visible(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a field's value in one step (long texts: sendKeys types key by key). */
    void setValue(By by, String text) {
        WebElement field = visible(by);
        script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", field, text);
    }

    void select(By by, String value) {
        new org.openqa.selenium.support.ui.Select(visible(by)).selectByValue(value);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    String text(By by) {
        return until(d -> {
            String t = d.findElement(by).getText();
            return t == null ? null : t;
        });
    }

    /** Waits until the element's text contains the fragment; returns the text. */
    String waitForText(By by, String fragment) {
        return until(d -> {
            List<WebElement> found = d.findElements(by);
            for (WebElement e : found) {
                String t = e.getText();
                if (t != null && t.contains(fragment)) {
                    return t;
                }
            }
            return null;
        });
    }

    /** Confirms the open confirmation dialog after checking what it says; returns its message. */
    String confirm() {
        WebElement message = visible(By.id("confirm-message"));
        String said = message.getText();
        click(By.id("confirm-ok"));
        until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
        return said;
    }

    /** Waits for a toast containing the fragment and returns its text. */
    String toast(String fragment) {
        return waitForText(By.cssSelector("#toasts .toast"), fragment);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves a screenshot of the window to dir/name.png. */
    Path screenshot(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = dir.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp profile is harmless
        }
    }
}
