package org.anonchat.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.anonchat.realtime.messages.control.Transcript;
import org.anonchat.realtime.messages.entity.ChatMessage;
import org.anonchat.realtime.messages.entity.NewMessage;
import org.anonchat.realtime.messages.entity.Posted;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built WAR deploys on Payara Micro, greets a WebSocket client, stores through JPA and reports ready. */
@ExtendWith(ArquillianExtension.class)
class FoundationIT {

  @Deployment
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  @Inject
  Transcript transcript;

  @Test
  @RunAsClient
  void greetsEveryConnectionWithClientIdAndChallenge() throws Exception {
    try (ChatClient a = ChatClient.connect(base); ChatClient b = ChatClient.connect(base)) {
      JsonObject first = a.established();
      assertEquals("connection_established", first.getString("type"));
      assertTrue(first.getJsonNumber("timestamp").longValue() > 0);
      String idA = first.getJsonObject("payload").getString("clientId");
      String idB = b.established().getJsonObject("payload").getString("clientId");
      assertEquals(36, idA.length(), "a UUID");
      assertFalse(idA.equals(idB), "each socket gets its own clientId");
      assertTrue(first.getJsonObject("payload").getString("challenge").length() >= 32);
    }
  }

  @Test
  void messageRowRoundTripsThroughTheDatabase() {
    String room = "it-" + UUID.randomUUID();
    Posted posted = transcript.appendAll(List.of(new NewMessage(room, "u-1", "Ada", null, "héllo <b>", "c-" + UUID.randomUUID(), 0)), 1234L, true).get(0);
    List<ChatMessage> page = transcript.page(room, null, null, 10).messages();
    assertEquals(1, page.size());
    ChatMessage stored = page.get(0);
    assertEquals(posted.message().id(), stored.id());
    assertEquals(1, stored.seq());
    assertEquals("héllo <b>", stored.content(), "stored exactly as sent");
    assertEquals(1234L, stored.createdAt());
  }

  @Test
  @RunAsClient
  void servesTheAsyncApiDescriptionAndThePages() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String root = "http://127.0.0.1:" + base.getPort() + base.getPath();
    HttpResponse<String> spec = http.send(HttpRequest.newBuilder(URI.create(root + "asyncapi.yaml")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, spec.statusCode());
    assertEquals("application/yaml", spec.headers().firstValue("content-type").orElse("").split(";")[0]);
    assertTrue(spec.body().startsWith("asyncapi: 3.0.0"), spec.body().substring(0, 80));
    for (String page : new String[] {"", "admin/"}) {
      HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(root + page)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, html.statusCode(), page);
      assertTrue(html.body().contains("<title>AnonChat"), page);
    }
  }

  @Test
  @RunAsClient
  void readinessIsUpWithTheDatabase() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + base.getPort() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"database\""), response.body());
  }
}
