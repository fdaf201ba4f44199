package org.anonchat.realtime.pages;

import static org.anonchat.realtime.support.Frames.field;
import static org.anonchat.realtime.support.Frames.payload;
import static org.anonchat.realtime.support.Frames.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.anonchat.realtime.identity.control.StellarKeys;
import org.anonchat.realtime.support.ChatClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.WebElement;

/**
 * The chat page in a real headless Chromium against the deployed WAR: people chatting, statuses, typing, a
 * dropped socket, hostile text, a phone-sized screen. Each test fails on any console error of its pages.
 * The ITs run with a 1.5 s typing timeout (failsafe's chat.it.options).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatPageIT {

  @Deployment
  static WebArchive deployment() {
    return PageDeployments.withTestParts();
  }

  @ArquillianResource
  URL base;

  private static String newRoom() {
    return "it-" + UUID.randomUUID();
  }

  @Test
  void twoPeopleChatAndTheSenderSeesDeliveredThenReadOnceTheOtherLooks() {
    String room = newRoom();
    try (ChatPage ada = ChatPage.open(base).signIn("Ada").join(room);
        ChatPage bob = ChatPage.open(base).signIn("Bob").join(room)) {
      ada.browser.awaitScript("return document.querySelectorAll('#members li').length === 2");
      ada.recordStatuses();

      // Bob looks at another tab: his chat tab is hidden, gets the message, but does not show it to him.
      String bobsChat = bob.browser.driver().getWindowHandle();
      bob.browser.driver().switchTo().newWindow(WindowType.TAB);
      ada.browser.awaitScript("return document.querySelector('#members li[data-status=\"away\"]') !== null");
      ada.send("Hi Bob, are you there?");
      ada.awaitStatus("Hi Bob, are you there?", "delivered");
      ada.assertStatusStays("Hi Bob, are you there?", "delivered", Duration.ofMillis(1500));

      bob.browser.driver().switchTo().window(bobsChat); // Bob comes back and sees it
      bob.awaitRow("Hi Bob, are you there?");
      ada.awaitStatus("Hi Bob, are you there?", "read");
      assertEquals(List.of("sending", "sent", "delivered", "read"), ada.statusLog("Hi Bob, are you there?"));

      bob.send("Yes, hello Ada!");
      ada.awaitRow("Yes, hello Ada!");
      bob.awaitStatus("Yes, hello Ada!", "read");
      assertEquals(List.of("Hi Bob, are you there?", "Yes, hello Ada!"), ada.texts());
      assertEquals(List.of("Hi Bob, are you there?", "Yes, hello Ada!"), bob.texts());
      assertEquals("", bob.awaitRow("Hi Bob, are you there?").findElement(By.className("status")).getText(),
          "statuses are shown only on one's own messages");
      ada.assertNoConsoleErrors();
      bob.assertNoConsoleErrors();
    }
  }

  @Test
  void typingIndicatorAppearsAndDisappearsByItself() throws Exception {
    String room = newRoom();
    try (ChatPage ada = ChatPage.open(base).signIn("Ada").join(room);
        ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      bob.join(room);
      bob.send("typing", payload().add("roomId", room));
      ada.awaitTyping("Bob is typing…");
      ada.awaitTyping(""); // Bob never sent stop_typing: the server's timeout ended it, and the page followed

      ada.browser.await(By.id("message-input")).sendKeys("I am typ");
      bob.await("user_typing", field("userId", ada.userId()));
      bob.await("user_stop_typing", field("userId", ada.userId()), Duration.ofSeconds(10));
      ada.assertNoConsoleErrors();
    }
  }

  /**
   * 25 messages are missed: more than one recovery holds in the ITs (chat.recovery.max-messages=20), so the page
   * also pages on with history{afterSeq}. Three writers, as each user may send a burst of only 10.
   */
  @Test
  void afterTheServerDropsItsSocketThePageShowsWhatWasMissedExactlyOnce() throws Exception {
    String room = newRoom();
    try (ChatPage ada = ChatPage.open(base).signIn("Ada").join(room);
        ChatClient bob = ChatClient.authenticated(base, "Bob");
        ChatClient cy = ChatClient.authenticated(base, "Cy");
        ChatClient dee = ChatClient.authenticated(base, "Dee")) {
      List<ChatClient> writers = List.of(bob, cy, dee);
      for (ChatClient writer : writers) writer.join(room);
      bob.send("send_message", say(room, "before the drop"));
      ada.awaitRow("before the drop");
      ada.awaitBanner(false);
      String adaId = ada.userId();
      List<String> missed = new ArrayList<>();

      control("action=hold"); // the page's reconnect handshake will wait until released
      try {
        assertEquals(1, control("action=close&code=1001&userId=" + adaId).getInt("closed"));
        ada.awaitBanner(true);
        for (int i = 1; i <= 25; i++) {
          ChatClient writer = writers.get((i - 1) / 10);
          missed.add("missed " + i);
          writer.send("send_message", say(room, "missed " + i).add("clientMessageId", "missed-" + i));
          writer.await("message_ack", field("clientMessageId", "missed-" + i));
        }
        ada.send("written while offline");
        ada.awaitStatus("written while offline", "sending");
        JsonObject sockets = sockets(adaId);
        assertEquals(0, sockets.getInt("open"), "Ada had no socket while the others posted");
        assertTrue(sockets.getInt("held") >= 1, "the page retried at once after 1001: " + sockets);
      } finally {
        control("action=release");
      }

      ada.awaitBanner(false);
      for (String text : missed) ada.awaitRow(text);
      ada.awaitStatus("written while offline", "sent");
      JsonObject flushed = bob.await("message", field("content", "written while offline")).getJsonObject("payload");
      bob.assertNone("message", field("clientMessageId", flushed.getString("clientMessageId")), Duration.ofSeconds(1));
      List<String> expected = new ArrayList<>(List.of("before the drop"));
      expected.addAll(missed);
      expected.add("written while offline");
      assertEquals(expected, ada.texts());
      ada.assertShownOnce(expected.toArray(String[]::new));
      ada.assertNoConsoleErrors();
    }
  }

  @Test
  void markupInAMessageIsShownAsTextAndRunsNothing() throws Exception {
    String room = newRoom();
    String hostile = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script><b>bold?</b>";
    try (ChatPage ada = ChatPage.open(base).signIn("<i>Ada</i>").join(room);
        ChatClient bob = ChatClient.authenticated(base, "<script>window.pwned=3</script>")) {
      bob.join(room);
      bob.send("send_message", say(room, hostile));
      WebElement row = ada.awaitRow(hostile);
      assertEquals("<script>window.pwned=3</script>", row.findElement(By.className("author")).getText());
      ada.send(hostile + " (mine)");
      ada.awaitStatus(hostile + " (mine)", "sent");
      ada.browser.awaitScript("return document.querySelectorAll('#members li').length === 2");
      assertEquals(0L, ada.browser.script(
          "return document.querySelectorAll('#messages img, #messages script, #messages b, #members script, #members i').length"));
      assertEquals(null, ada.browser.script("return window.pwned ?? null"));
      ada.assertNoConsoleErrors();
    }
  }

  @Test
  void onAPhoneSizedScreenOneCanChatEditAndDelete() {
    try (ChatPage ada = ChatPage.open(base, List.of("--window-size=390,844")).signIn("Ada")) {
      ada.browser.await(By.id("new-room")).click();
      ada.awaitJoined();
      assertTrue(ada.roomId().startsWith("room-"), "a new room was created: " + ada.roomId());
      ada.send("A message with a typo");
      ada.awaitStatus("A message with a typo", "sent");

      WebElement row = ada.awaitRow("A message with a typo");
      row.findElement(By.xpath(".//button[text()='Edit']")).click();
      WebElement edit = ada.browser.await(By.cssSelector("#messages form.edit input"));
      edit.clear();
      edit.sendKeys("A message without typos", Keys.ENTER);
      ada.awaitRow("A message without typos");
      assertEquals(0, ada.count("A message with a typo"));

      ada.awaitRow("A message without typos").findElement(By.xpath(".//button[text()='Delete']")).click();
      ada.awaitRow("Message deleted");
      assertEquals(0, ada.count("A message without typos"));

      assertEquals(Boolean.TRUE, ada.browser.script(
          "return document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 390 px");
      assertEquals(Boolean.TRUE, ada.browser.script("const r = document.querySelector('#composer button')"
          + ".getBoundingClientRect(); return r.right <= window.innerWidth && r.bottom <= window.innerHeight"),
          "the send button is on screen");
      ada.assertNoConsoleErrors();
    }
  }

  @Test
  void olderHistoryLoadsOnScroll() throws Exception {
    String room = newRoom();
    // Six writers, because each connection and each user may send only a burst of 10 before the rate limit applies.
    List<ChatClient> writers = new ArrayList<>();
    try {
      for (int w = 0; w < 6; w++) {
        writers.add(ChatClient.authenticated(base, "Writer " + w));
        writers.get(w).join(room);
      }
      for (int i = 1; i <= 60; i++) {
        ChatClient writer = writers.get((i - 1) / 10);
        writer.send("send_message", say(room, "old " + i).add("clientMessageId", "old-" + i));
        writer.await("message_ack", field("clientMessageId", "old-" + i));
      }
      try (ChatPage ada = ChatPage.open(base).signIn("Ada").join(room)) {
        ada.awaitRow("old 60");
        assertEquals(50, ada.texts().size(), "the first page");
        ada.browser.script("document.getElementById('message-scroller').scrollTop = 0");
        ada.awaitRow("old 1");
        assertEquals(60, ada.texts().size());
        assertEquals("old 1", ada.texts().get(0));
        assertEquals("old 60", ada.texts().get(59));
        ada.assertNoConsoleErrors();
      }
    } finally {
      writers.forEach(ChatClient::close);
    }
  }

  @Test
  void aWalletProvenOnThePageIsItsUsersIdentity() throws Exception {
    String room = newRoom();
    StellarKeys wallet = StellarKeys.generate();
    try (ChatPage ada = ChatPage.open(base).signIn("Ada");
        ChatClient bob = ChatClient.authenticated(base, "Bob")) {
      String anonymousId = ada.userId();
      ada.browser.driver().findElement(By.cssSelector("#wallet-box summary")).click();
      ada.browser.awaitScript("return document.getElementById('wallet-challenge').textContent.length > 0");
      String challenge = ada.browser.driver().findElement(By.id("wallet-challenge")).getText();
      ada.browser.await(By.id("wallet-address")).sendKeys(wallet.accountId());
      ada.browser.await(By.id("wallet-signature")).sendKeys(wallet.signSep53Base64(challenge), Keys.ENTER);
      ada.browser.awaitText(By.id("wallet-status"), "Wallet verified: " + wallet.accountId());
      assertEquals(anonymousId, ada.userId(), "an anonymous user who proves a new wallet keeps their id");

      ada.join(room);
      bob.join(room);
      bob.send("request_presence_snapshot", payload().add("roomId", room), "s1");
      JsonObject adaSeen = bob.await("presence_snapshot").getJsonObject("payload").getJsonArray("users")
          .getValuesAs(JsonObject.class).stream().filter(u -> u.getString("userId").equals(anonymousId))
          .findFirst().orElseThrow();
      assertEquals(wallet.accountId(), adaSeen.getString("walletAddress"));
      ada.assertNoConsoleErrors();
    }
  }

  private JsonObject control(String query) throws Exception {
    return call(HttpRequest.newBuilder(uri(query)).POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private JsonObject sockets(String userId) throws Exception {
    return call(HttpRequest.newBuilder(uri("userId=" + userId)).GET().build());
  }

  private URI uri(String query) throws Exception {
    return new URL(base, "it/sockets?" + query).toURI();
  }

  private static JsonObject call(HttpRequest request) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return Json.createReader(new StringReader(response.body())).readObject();
  }
}
