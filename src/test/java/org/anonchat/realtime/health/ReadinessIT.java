package org.anonchat.realtime.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.UberJarServer;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: the app runs against an H2 server in this test, which the test stops
 * and starts again (an operator's PostgreSQL going away looks the same to the app).
 */
class ReadinessIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void readinessFailsWhileTheDatabaseIsUnreachableAndRecoversAfter() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target"), "readiness-data");
    int dbPort = UberJarServer.freePort();
    String url = "chat.jdbc.url=jdbc:h2:tcp://127.0.0.1:" + dbPort + "/chat";
    Server db = startDatabase(dbPort, data);
    try (UberJarServer app = UberJarServer.start(UberJarServer.freePort(), data, url, "chat.jdbc.user=sa");
        ChatClient ignored = app.connectWhenUp()) {
      URI ready = app.base().toURI().resolve("health/ready");
      assertEquals(200, awaitStatus(ready, 200));

      db.stop();
      assertEquals(503, awaitStatus(ready, 503), "DOWN while the database is gone");

      db = startDatabase(dbPort, data);
      assertEquals(200, awaitStatus(ready, 200), "UP again once it is back");
    } finally {
      db.stop();
    }
  }

  private static Server startDatabase(int port, Path data) throws Exception {
    return Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir",
        data.resolve("db").toAbsolutePath().toString()).start();
  }

  /** Polls readiness until it answers {@code expected}; returns the last status seen. */
  private int awaitStatus(URI ready, int expected) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int status = -1;
    while (System.nanoTime() < deadline) {
      status = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == expected) return status;
      TimeUnit.MILLISECONDS.sleep(250); // poll interval; the deadline bounds the wait and the caller asserts
    }
    assertTrue(false, "readiness stayed " + status + ", expected " + expected + " within " + WAIT);
    return status;
  }
}
