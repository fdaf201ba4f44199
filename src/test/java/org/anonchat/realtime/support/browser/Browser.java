package org.anonchat.realtime.support.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's package, driven through its own chromedriver) with a fresh profile, so two
 * instances are two independent users. Collects the page's console: a page test fails on any console error
 * or uncaught exception ({@link #assertNoConsoleErrors()}).
 *
 * <p>Lives outside the {@code support} package because the ITs add that package to the deployed WAR, and the
 * server has no Selenium.
 */
public final class Browser implements AutoCloseable {

  /** Flags that keep Chromium off the network and quiet on a closed machine (TOOLCHAIN.md §7). */
  private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900");

  public static final Duration WAIT = Duration.ofSeconds(20);

  private final Path profile;
  private final ChromeDriver driver;
  private final List<String> console = new ArrayList<>();

  private Browser(Path profile, ChromeDriver driver) {
    this.profile = profile;
    this.driver = driver;
  }

  /** A desktop-sized browser. */
  public static Browser start() {
    return start(List.of());
  }

  /** A browser with extra Chromium flags, e.g. {@code --window-size=390,844} for a phone-sized screen. */
  public static Browser start(List<String> extraFlags) {
    Path profile;
    try {
      profile = Files.createTempDirectory("chat-browser");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(System.getProperty("chat.it.chromium", "/usr/bin/chromium"));
    options.addArguments(FLAGS);
    options.addArguments(extraFlags);
    options.addArguments("--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return new Browser(profile, new ChromeDriver(options));
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(URL url) {
    driver.get(url.toString());
  }

  /** Waits until an element matching {@code by} is visible, and returns it. */
  public WebElement await(By by) {
    return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until the element's text is exactly {@code text}. */
  public void awaitText(By by, String text) {
    new WebDriverWait(driver, WAIT).withMessage(() -> "text of " + by + " never became '" + text + "'")
        .until(ExpectedConditions.textToBe(by, text));
  }

  /** Waits until {@code script} (a JavaScript expression's body, e.g. "return x > 1") returns true. */
  public void awaitScript(String script, Object... args) {
    new WebDriverWait(driver, WAIT).withMessage(() -> "never true: " + script)
        .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script, args)));
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Everything the page logged so far at any level, as "LEVEL message". */
  public List<String> console() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      console.add(entry.getLevel() + " " + entry.getMessage());
    }
    return List.copyOf(console);
  }

  /** Console errors include uncaught exceptions, failed resource loads and console.error calls. */
  public void assertNoConsoleErrors() {
    List<String> errors = console().stream().filter(line -> line.startsWith(Level.SEVERE.toString())).toList();
    assertEquals(List.of(), errors, "the page logged errors");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temp profile is harmless; Chromium may still be releasing files.
    }
  }
}
