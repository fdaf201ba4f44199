package org.anonchat.realtime;

import static org.anonchat.realtime.support.Frames.inRoom;
import static org.anonchat.realtime.support.Frames.payload;
import static org.anonchat.realtime.support.Frames.room;
import static org.anonchat.realtime.support.Frames.say;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.anonchat.realtime.support.ChatClient;
import org.junit.jupiter.api.Test;

/**
 * The uber-jar that {@code mvn package} builds starts with {@code java -jar}, serves {@code /ws} at the
 * root context, and keeps messages and identities in its data folder across a restart.
 */
class UberJarRestartIT {

  private static final Duration BOOT = Duration.ofSeconds(120);

  @Test
  void aMessageAndAnIdentitySurviveARestart() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target"), "restart-data");
    int port = freePort();
    URL base = new URL("http://127.0.0.1:" + port + "/");
    String roomId = "it-" + UUID.randomUUID();
    String token;
    String userId;
    String messageId;

    Process first = start(port, data);
    try (ChatClient ada = connectWhenUp(base, first)) {
      ada.send("auth", payload().add("displayName", "Ada"));
      JsonObject ok = ada.await("auth_ok").getJsonObject("payload");
      token = ok.getString("token");
      userId = ok.getString("userId");
      ada.send("join_room", room(roomId));
      ada.await("room_join", inRoom(roomId));
      ada.send("send_message", say(roomId, "kept across restarts"));
      messageId = ada.await("message_ack").getJsonObject("payload").getString("messageId");
    } finally {
      stop(first);
    }

    Process second = start(port, data);
    try (ChatClient ada = connectWhenUp(base, second)) {
      ada.send("auth", payload().add("displayName", "Ada").add("token", token));
      assertEquals(userId, ada.await("auth_ok").getJsonObject("payload").getString("userId"),
          "the token secret was kept in the data folder");
      ada.send("join_room", room(roomId));
      ada.await("room_join", inRoom(roomId));
      ada.send("history", room(roomId));
      JsonObject history = ada.await("history").getJsonObject("payload");
      assertEquals(1, history.getJsonArray("messages").size());
      JsonObject kept = history.getJsonArray("messages").getJsonObject(0);
      assertEquals(messageId, kept.getString("id"));
      assertEquals("kept across restarts", kept.getString("content"));
      ada.send("send_message", say(roomId, "after restart"));
      assertEquals(2, ada.await("message_ack").getJsonObject("payload").getJsonNumber("seq").longValue(),
          "seq continues where it stopped");
    } finally {
      stop(second);
    }
  }

  private static Process start(int port, Path data) throws IOException {
    File jar = new File("target/chat-microbundle.jar");
    assertTrue(jar.isFile(), "mvn package builds " + jar);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(List.of(java, "-Xmx384m", "-Dchat.data.dir=" + data.toAbsolutePath(), "-jar",
        jar.getAbsolutePath(), "--port", String.valueOf(port), "--nocluster"))
        .redirectErrorStream(true)
        .redirectOutput(data.resolveSibling(data.getFileName() + "-" + port + ".log").toFile())
        .start();
  }

  /** Polls until the socket accepts a connection, failing if the process dies or the boot takes too long. */
  private static ChatClient connectWhenUp(URL base, Process process) throws Exception {
    long deadline = System.nanoTime() + BOOT.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      assertTrue(process.isAlive(), "the server process exited during boot");
      try {
        return ChatClient.connect(base);
      } catch (Exception e) {
        last = e;
        process.waitFor(250, TimeUnit.MILLISECONDS); // paces the poll; returns early if the process dies
      }
    }
    throw new AssertionError("no WebSocket on " + base + " within " + BOOT, last);
  }

  private static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
