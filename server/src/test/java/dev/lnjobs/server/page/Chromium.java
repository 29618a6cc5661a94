package dev.lnjobs.server.page;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;

/**
 * Debian's Chromium driven through Debian's chromedriver, both named explicitly so that Selenium Manager never
 * downloads a browser or a driver. In CI (CI=true) a missing Chromium fails the tests; elsewhere they are skipped.
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final int WIDTH = 1100;
    static final int PHONE_WIDTH = 360;

    private Chromium() {
    }

    /** Skips (or, in CI, fails) when Debian's Chromium and chromedriver are not installed. */
    static void requireInstalled() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        String how = "Browser tests need Debian's Chromium: apt-get install -y chromium chromium-driver "
                + "(they use " + BROWSER + " and " + DRIVER + "), then run them with ./mvnw -B -ntp test -pl server "
                + "-am -Dtest='WebPage*' -Dsurefire.failIfNoSpecifiedTests=false";
        if (!present && "true".equals(System.getenv("CI"))) {
            Assertions.fail("CI runs the browser tests, and Chromium is missing. " + how);
        }
        Assumptions.assumeTrue(present, how);
    }

    static ChromeDriver start() {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        try {
            Path profile = Files.createTempDirectory("lnjobs-chromium-");
            profile.toFile().deleteOnExit();
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",900");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The page as tall as its content (up to 4000 px), saved to docs/screenshots/{name}.png. */
    static void screenshot(ChromeDriver driver, String name) {
        Dimension before = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(4000, Math.max(600,
                height + 140))));
        try {
            Path directory = screenshots();
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /** Under a 360 px phone's metrics (already set), the whole page's height, then back to 740 px. */
    static void phoneScreenshot(ChromeDriver driver, String name) {
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", PHONE_WIDTH, "height", Math.min(4000, height), "deviceScaleFactor", 1,
                        "mobile", true));
        try {
            Path directory = screenshots();
            Files.createDirectories(directory);
            Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", PHONE_WIDTH, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /** docs/screenshots of the repository, whether the tests run from its root or from server/. */
    private static Path screenshots() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.isDirectory(here.resolve("docs")) && !here.endsWith("server") ? here : here.getParent();
        return root.resolve("docs").resolve("screenshots");
    }
}
