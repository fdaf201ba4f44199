package org.anonchat.realtime.admin;

import static org.anonchat.realtime.support.AdminClient.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.anonchat.realtime.support.AdminClient;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API over real HTTP, and what its actions do to real chat sockets. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {

  private static final Duration QUIET = Duration.ofMillis(1500);

  @Deployment
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  @Test
  void withoutCredentialsTheApiAnswers401AsProblemJson() throws Exception {
    HttpResponse<String> r = new AdminClient(base).get("admin/stats");
    assertEquals(401, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals(401, object(r).getInt("status"));
    assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), "a challenge for scripts");
  }

  @Test
  void aChatUserWithoutTheAdminRoleGets403() throws Exception {
    try (ChatClient chat = ChatClient.connect(base)) {
      chat.send("auth", Json.createObjectBuilder().add("displayName", "mallory"));
      String token = chat.await("auth_ok").getJsonObject("payload").getString("token");
      HttpResponse<String> r = new AdminClient(base).send("GET", "admin/stats", null, null, "Authorization", "Bearer " + token);
      assertEquals(403, r.statusCode());
      assertEquals("Forbidden", object(r).getString("title"));
    }
  }

  @Test
  void basicCredentialsOfTheAdminAreAccepted() throws Exception {
    String basic = Base64.getEncoder().encodeToString((AdminClient.USERNAME + ":" + AdminClient.PASSWORD).getBytes());
    HttpResponse<String> r = new AdminClient(base).send("GET", "admin/stats", null, null, "Authorization", "Basic " + basic);
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void afterLoginStatsCountTheOpenConnections() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    try (ChatClient chat = ChatClient.authenticated(base, "counted")) {
      HttpResponse<String> r = admin.get("admin/stats");
      assertEquals(200, r.statusCode());
      JsonObject stats = object(r);
      assertTrue(stats.getInt("connections") >= 1, stats.toString());
      assertTrue(stats.getInt("usersOnline") >= 1, stats.toString());
      assertTrue(stats.containsKey("fanoutMicros"), stats.toString());
    }
  }

  @Test
  void stateChangingCallsNeedTheSessionsCsrfToken() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    String body = "{\"roomId\":\"csrf-" + UUID.randomUUID() + "\"}";
    assertEquals(403, admin.send("POST", "admin/rooms", body, null).statusCode(), "no header");
    assertEquals(403, admin.send("POST", "admin/rooms", body, "forged").statusCode(), "wrong token");
    assertEquals(201, admin.send("POST", "admin/rooms", body, admin.csrf()).statusCode(), "the session's token");
  }

  @Test
  void kickClosesTheSocketWithTheGivenCode() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    try (ChatClient chat = ChatClient.authenticated(base, "kicked")) {
      String id = chat.established().getJsonObject("payload").getString("clientId");
      HttpResponse<String> r = admin.post("admin/connections/" + id + "/kick", "{\"code\":4321,\"reason\":\"cool down\"}");
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(4321, chat.awaitClose(ChatClient.WAIT));
      assertEquals(404, admin.post("admin/connections/" + id + "/kick", "{}").statusCode(), "gone after the kick");
    }
  }

  @Test
  void deletingAMessageReachesTheRoom() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    String room = "it-" + UUID.randomUUID();
    try (ChatClient author = ChatClient.authenticated(base, "author"); ChatClient reader = ChatClient.authenticated(base, "reader")) {
      author.join(room);
      reader.join(room);
      String messageId = send(author, room, "rude words");
      reader.await("message", p -> messageId.equals(p.getString("id")));
      HttpResponse<String> found = admin.get("admin/messages?q=RUDE&roomId=" + room);
      assertEquals(messageId, AdminClient.json(found).asJsonArray().getJsonObject(0).getString("id"), "search by text");

      assertEquals(200, admin.delete("admin/messages/" + room + "/" + messageId).statusCode());
      reader.await("message_deleted", p -> messageId.equals(p.getString("messageId")));
      author.await("message_deleted", p -> messageId.equals(p.getString("messageId")));
      assertEquals(404, admin.delete("admin/messages/" + room + "/" + messageId).statusCode(), "already deleted");
    }
  }

  @Test
  void aMutedUserGetsAnErrorAndTheRoomNothing() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    String room = "it-" + UUID.randomUUID();
    try (ChatClient muted = ChatClient.authenticated(base, "loud"); ChatClient other = ChatClient.authenticated(base, "other")) {
      String userId = muted.join(room);
      other.join(room);
      assertEquals(200, admin.post("admin/users/" + userId + "/mute", "{\"durationSeconds\":60,\"reason\":\"spam\"}").statusCode());

      muted.send("send_message", Json.createObjectBuilder().add("roomId", room).add("content", "still here"), "m1");
      JsonObject error = muted.await("error", p -> "m1".equals(p.getString("ref", null)));
      assertEquals("MUTED", error.getJsonObject("payload").getString("code"));
      other.assertNone("message", p -> true, QUIET);

      assertEquals(204, admin.delete("admin/users/" + userId + "/sanction").statusCode());
      send(muted, room, "back again");
    }
  }

  @Test
  void aBannedUserIsClosedAndRefusedOnReturn() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    try (ChatClient banned = ChatClient.connect(base)) {
      banned.send("auth", Json.createObjectBuilder().add("displayName", "troll"));
      JsonObject ok = banned.await("auth_ok").getJsonObject("payload");
      assertEquals(200, admin.post("admin/users/" + ok.getString("userId") + "/ban", "{\"durationSeconds\":60}").statusCode());
      assertEquals(4003, banned.awaitClose(ChatClient.WAIT));

      try (ChatClient again = ChatClient.connect(base)) {
        again.send("auth", Json.createObjectBuilder().add("displayName", "troll").add("token", ok.getString("token")));
        assertEquals("BANNED", again.await("error").getJsonObject("payload").getString("code"));
        assertEquals(4003, again.awaitClose(ChatClient.WAIT));
      }
    }
  }

  @Test
  void notifyReportsHowManyConnectionsItReached() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    try (ChatClient tab1 = ChatClient.connect(base)) {
      tab1.send("auth", Json.createObjectBuilder().add("displayName", "two tabs"));
      JsonObject ok = tab1.await("auth_ok").getJsonObject("payload");
      try (ChatClient tab2 = ChatClient.connect(base)) {
        tab2.send("auth", Json.createObjectBuilder().add("displayName", "two tabs").add("token", ok.getString("token")));
        tab2.await("auth_ok");
        HttpResponse<String> r = admin.post("admin/users/" + ok.getString("userId") + "/notifications", "{\"title\":\"hello\"}");
        assertEquals(2, object(r).getInt("reached"), r.body());
        tab1.await("notification", p -> "hello".equals(p.getString("title")));
        tab2.await("notification", p -> "hello".equals(p.getString("title")));
      }
    }
    HttpResponse<String> nobody = admin.post("admin/users/u-nobody-" + UUID.randomUUID() + "/notifications", "{\"title\":\"x\"}");
    assertEquals(0, object(nobody).getInt("reached"));
  }

  @Test
  void aSystemMessageReachesTheRoomAndClosingARoomEmptiesIt() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    String room = "it-" + UUID.randomUUID();
    try (ChatClient member = ChatClient.authenticated(base, "member")) {
      member.join(room);
      HttpResponse<String> r = admin.post("admin/rooms/" + room + "/messages", "{\"content\":\"Maintenance at noon\"}");
      assertEquals(201, r.statusCode(), r.body());
      member.await("message", p -> "system".equals(p.getString("userId")) && "Maintenance at noon".equals(p.getString("content")));

      assertEquals(200, admin.post("admin/rooms/" + room + "/close", null).statusCode());
      member.await("room_leave", p -> room.equals(p.getString("roomId")));
      member.send("join_room", Json.createObjectBuilder().add("roomId", room), "j1");
      assertEquals("FORBIDDEN", member.await("error", p -> "j1".equals(p.getString("ref", null))).getJsonObject("payload").getString("code"));
    }
  }

  @Test
  void aRoomMadePrivateAdmitsItsMembersOnlyAndIsStoredAsAPrivateRoom() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    String room = "it-" + UUID.randomUUID();
    try (ChatClient member = ChatClient.authenticated(base, "member"); ChatClient outsider = ChatClient.authenticated(base, "outsider")) {
      member.join(room);
      HttpResponse<String> r = admin.post("admin/rooms/" + room + "/private", "{}");
      assertEquals(200, r.statusCode(), r.body());

      outsider.send("join_room", Json.createObjectBuilder().add("roomId", room), "j-out");
      assertEquals("FORBIDDEN", outsider.await("error", p -> "j-out".equals(p.getString("ref", null))).getJsonObject("payload").getString("code"));
      // Stored like any private room (so it survives a restart): its id is taken for create_room.
      outsider.send("create_room", Json.createObjectBuilder().add("roomId", room).add("private", false), "c-out");
      assertEquals("ROOM_EXISTS", outsider.await("error", p -> "c-out".equals(p.getString("ref", null))).getJsonObject("payload").getString("code"));

      member.send("leave_room", Json.createObjectBuilder().add("roomId", room));
      member.send("join_room", Json.createObjectBuilder().add("roomId", room), "j-member");
      member.await("room_join", p -> room.equals(p.getString("roomId")));
    }
  }

  @Test
  void badInputIsA400Problem() throws Exception {
    AdminClient admin = new AdminClient(base).login();
    HttpResponse<String> r = admin.post("admin/users/u-x/mute", "{\"durationSeconds\":\"long\"}");
    assertEquals(400, r.statusCode());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    assertEquals(400, admin.post("admin/connections/any/kick", "{\"code\":1006}").statusCode(), "1006 is not sendable");
  }

  @Test
  void failedLoginsAreThrottledPerAddress() throws Exception {
    AdminClient client = new AdminClient(base);
    for (int i = 0; i < 5; i++) assertEquals(401, client.login(AdminClient.USERNAME, "wrong-" + i).statusCode());
    HttpResponse<String> refused = client.login(AdminClient.USERNAME, AdminClient.PASSWORD);
    assertEquals(429, refused.statusCode(), "even the right password while throttled");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 4, "Retry-After " + retryAfter);
    // The IT servers' window is 4 s (pom.xml); after it the right password works again.
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int status = 429;
    while (status == 429 && System.nanoTime() < deadline) {
      Thread.sleep(retryAfter * 1000);
      status = client.login(AdminClient.USERNAME, AdminClient.PASSWORD).statusCode();
    }
    assertEquals(200, status);
  }

  @Test
  void healthMetricsAndOpenApiAreServed() throws Exception {
    AdminClient admin = new AdminClient(base);
    HttpResponse<String> live = admin.getFromServer("health/live");
    assertEquals(200, live.statusCode(), live.body());
    assertTrue(live.body().contains("scheduler"), live.body());
    try (ChatClient chat = ChatClient.authenticated(base, "metered")) {
      chat.sendRaw("not json");
      chat.await("error");
      HttpResponse<String> metrics = admin.getFromServer("metrics?scope=application");
      assertEquals(200, metrics.statusCode());
      for (String name : new String[] {"chat_connections", "chat_messages_in_total", "chat_deliveries_total",
          "chat_fanout_seconds", "chat_errors_total{code=\"INVALID_JSON\""}) {
        assertTrue(metrics.body().contains(name), name + " in\n" + metrics.body());
      }
    }
    HttpResponse<String> openapi = admin.getFromServer("openapi");
    assertEquals(200, openapi.statusCode());
    assertTrue(openapi.body().contains("/admin/connections/{id}/kick"), openapi.body());
  }

  private static String send(ChatClient client, String room, String content) {
    String clientId = UUID.randomUUID().toString();
    client.send("send_message", Json.createObjectBuilder().add("roomId", room).add("content", content).add("clientMessageId", clientId));
    return client.await("message_ack", p -> clientId.equals(p.getString("clientMessageId", null)))
        .getJsonObject("payload").getString("messageId");
  }
}
