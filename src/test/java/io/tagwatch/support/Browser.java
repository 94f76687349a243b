package io.tagwatch.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver (no driver download: Selenium
 * Manager is not asked, and the browser reaches nothing but the service). Its time zone is set, so that
 * the dashboard's default zone is known; a phone is Chrome's mobile emulation at 390 × 844.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final String base;

    private Browser(ChromeDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A desktop window of this size, or a phone when {@code phone}. */
    public static Browser open(int port, String zone, int width, int height, boolean phone) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER + " are needed: apt-get install chromium"
                    + " chromium-driver (run-tests.sh installs them)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=" + width + "," + height);
        if (phone) {
            options.setExperimentalOption("mobileEmulation",
                    Map.of("deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 2.0)));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .withEnvironment(Map.of("TZ", zone)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return new Browser(driver, "http://127.0.0.1:" + port);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens a path of the service and waits for the dashboard's first complete load. */
    public void open(String path) {
        driver.get(base + path);
        awaitLoads(0);
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** The path and query of the current page. */
    public String pathAndQuery() {
        return url().substring(base.length());
    }

    /** How many loads the page has completed. */
    public int loads() {
        Object loads = script("return document.body.dataset.loads || '0'");
        return Integer.parseInt(String.valueOf(loads));
    }

    /** Waits until the page has completed more loads than {@code before} and is not loading. */
    public void awaitLoads(int before) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> loads() > before
                && "ready".equals(script("return document.body.dataset.state")));
    }

    /** Runs an action that makes the page load again, and waits for that load. */
    public void andWait(Runnable action) {
        int before = loads();
        action.run();
        awaitLoads(before);
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    public String text(String cssSelector) {
        return driver.findElement(By.cssSelector(cssSelector)).getText();
    }

    /** The text of every panel (data-panel), by id: what a user reads there. */
    @SuppressWarnings("unchecked")
    public Map<String, String> panels() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Object pair : (List<Object>) script("return [...document.querySelectorAll('[data-panel]')]"
                + ".map(p => [p.id, p.innerText])")) {
            List<Object> idAndText = (List<Object>) pair;
            texts.put((String) idAndText.get(0), (String) idAndText.get(1));
        }
        return texts;
    }

    /** The console's messages at SEVERE (errors, failed requests) since the last call. */
    public List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public void screenshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
