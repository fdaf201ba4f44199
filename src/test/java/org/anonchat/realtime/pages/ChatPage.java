package org.anonchat.realtime.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.anonchat.realtime.support.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page at / in one browser (one user): what a person does there, and what they can see. */
final class ChatPage implements AutoCloseable {

  /** The rows whose visible text is exactly arguments[0]. */
  private static final String ROWS = "return [...document.querySelectorAll('#messages li')]"
      + ".filter(li => li.querySelector('.content').textContent === arguments[0])";

  final Browser browser;

  private ChatPage(Browser browser) {
    this.browser = browser;
  }

  static ChatPage open(URL base, List<String> flags) {
    Browser browser = Browser.start(flags);
    browser.open(base);
    return new ChatPage(browser);
  }

  static ChatPage open(URL base) {
    return open(base, List.of());
  }

  ChatPage signIn(String displayName) {
    browser.await(By.id("display-name")).sendKeys(displayName);
    browser.driver().findElement(By.cssSelector("#login-form button[type=submit]")).click();
    browser.await(By.id("room-id"));
    return this;
  }

  ChatPage join(String roomId) {
    browser.await(By.id("room-id")).sendKeys(roomId);
    browser.driver().findElement(By.cssSelector("#room-form button[type=submit]")).click();
    awaitJoined();
    return this;
  }

  void awaitJoined() {
    browser.awaitScript("return !!document.getElementById('chat').dataset.joined");
  }

  String roomId() {
    return (String) browser.script("return document.getElementById('chat').dataset.joined");
  }

  String userId() {
    return (String) browser.script("return JSON.parse(localStorage.getItem('anonchat.session')).userId");
  }

  ChatPage send(String text) {
    WebElement input = browser.await(By.id("message-input"));
    input.sendKeys(text);
    browser.driver().findElement(By.cssSelector("#composer button[type=submit]")).click();
    return this;
  }

  long count(String text) {
    return ((List<?>) browser.script(ROWS, text)).size();
  }

  /** Waits until exactly one row shows this text, and returns it. */
  WebElement awaitRow(String text) {
    browser.awaitScript(ROWS + ".length === 1", text);
    return (WebElement) ((List<?>) browser.script(ROWS, text)).get(0);
  }

  void awaitStatus(String text, String status) {
    browser.awaitScript(ROWS + ".some(li => li.dataset.status === arguments[1]"
        + " && li.querySelector('.status').textContent === arguments[1])", text, status);
  }

  /** Fails if the row's status changes within {@code window} (for "not read while not shown" checks). */
  void assertStatusStays(String text, String status, Duration window) {
    long deadline = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < deadline) {
      assertEquals(status, awaitRow(text).getAttribute("data-status"), "status of '" + text + "'");
      try {
        Thread.sleep(100); // polling a condition that must hold for the whole window, not waiting for an event
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The texts of all rows, top to bottom. */
  @SuppressWarnings("unchecked")
  List<String> texts() {
    return (List<String>) browser.script(
        "return [...document.querySelectorAll('#messages li .content')].map(p => p.textContent)");
  }

  String typingText() {
    return browser.driver().findElement(By.id("typing")).getText();
  }

  void awaitTyping(String text) {
    browser.awaitText(By.id("typing"), text);
  }

  void awaitBanner(boolean shown) {
    new WebDriverWait(browser.driver(), Browser.WAIT).withMessage("reconnect banner shown: " + !shown)
        .until(shown ? ExpectedConditions.visibilityOfElementLocated(By.id("reconnect-banner"))
            : ExpectedConditions.invisibilityOfElementLocated(By.id("reconnect-banner")));
  }

  /** Records every data-status a row of this page takes, in order, under window.statusLog[clientMessageId]. */
  void recordStatuses() {
    browser.script("window.statusLog = {};"
        + "const record = li => {"
        + "  if (!li.dataset || !li.dataset.clientMessageId) return;"
        + "  const log = window.statusLog[li.dataset.clientMessageId] ??= [];"
        + "  if (log[log.length - 1] !== li.dataset.status) log.push(li.dataset.status);"
        + "};"
        + "new MutationObserver(changes => changes.forEach(c => {"
        + "  if (c.type === 'attributes') record(c.target); else c.addedNodes.forEach(record);"
        + "})).observe(document.getElementById('messages'),"
        + "  {subtree: true, childList: true, attributes: true, attributeFilter: ['data-status']});");
  }

  @SuppressWarnings("unchecked")
  List<String> statusLog(String text) {
    WebElement row = awaitRow(text);
    String id = row.getAttribute("data-client-message-id");
    return (List<String>) browser.script("return window.statusLog[arguments[0]] ?? []", id);
  }

  void assertNoConsoleErrors() {
    browser.assertNoConsoleErrors();
  }

  void assertShownOnce(String... texts) {
    for (String text : texts) assertEquals(1, count(text), "rows showing '" + text + "'");
  }

  @Override
  public void close() {
    browser.close();
  }
}
