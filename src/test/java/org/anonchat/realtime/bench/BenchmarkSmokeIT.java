package org.anonchat.realtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.UberJarServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tiny run of each benchmark scenario against the uber-jar, started as {@code bench/run.sh} starts it
 * (the raised limits of {@code bench/server.properties}), so the harness cannot rot: every scenario must
 * pass its checks (every message acked and delivered once, in order: zero loss, zero duplicates) and
 * write its JSON, Markdown and SVG reports. The figures themselves are not asserted; this is no
 * performance test.
 */
class BenchmarkSmokeIT {

  private static final int GRACE_MS = 1000;
  private static UberJarServer server;
  private static Path reports;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createTempDirectory(Path.of("target"), "bench-smoke-data");
    reports = Files.createTempDirectory(Path.of("target"), "bench-smoke-reports");
    List<String> properties = new ArrayList<>();
    Properties raised = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of("bench/server.properties"))) {
      raised.load(in);
    }
    raised.forEach((k, v) -> properties.add(k + "=" + v));
    properties.add("chat.presence.grace-ms=" + GRACE_MS);
    server = UberJarServer.start(UberJarServer.freePort(), data, properties.toArray(String[]::new));
    try (ChatClient first = server.connectWhenUp()) {
      // up: the server answered a WebSocket
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
  }

  /**
   * The uber-jar is Payara Micro: its sockets must write pre-encoded frames raw (decisions 0031, 0032), which is
   * reached through private fields of Tyrus and Grizzly. A Payara upgrade that renames one would otherwise fall back to the
   * standard API silently, and only the benchmark figures would show it.
   */
  @Test
  void framesAreWrittenRaw() throws Exception {
    assertTrue(server.logContains("Outgoing frames: GrizzlyFrameWriter", java.time.Duration.ofSeconds(10)),
        "the server logs that its sockets write raw frames into Grizzly's write queue");
  }

  @Test
  void fanoutWindowedAndAtAFixedRate() throws Exception {
    Result windowed = run("fanout", "--fanout.members=10", "--fanout.senders=2", "--fanout.seconds=2");
    assertTrue((long) windowed.figures.get("deliveries") >= 10, "messages were fanned out to the 10 members");
    Result paced = run("fanout", "--fanout.members=5", "--fanout.senders=2", "--fanout.seconds=2", "--fanout.rate=20",
        "--out=" + reports.resolve("paced"));
    long sent = (long) paced.get("messages", "sent");
    assertTrue(sent >= 20 && sent <= 41, "about 20 messages/s for 2 s, sent " + sent);
  }

  @Test
  void rooms() throws Exception {
    Result r = run("rooms", "--rooms.clients=12", "--rooms.rooms=3", "--rooms.period-ms=200", "--rooms.seconds=2");
    assertTrue((long) r.get("messages", "acked") >= 12, "every client sent");
  }

  @Test
  void connections() throws Exception {
    Result r = run("connections", "--connections.count=40", "--connections.room-size=10", "--connections.hold=0");
    assertEquals(40, ((Number) r.figures.get("connections")).intValue());
    assertEquals(4L, r.get("messages", "acked"), "one message per room proved every connection live");
    assertTrue(((Number) r.get("server", "heap_held_kib")).longValue() > 0, "heap read through jcmd");
  }

  @Test
  void churn() throws Exception {
    Result r = run("churn", "--churn.cycles=30", "--churn.warmup=5", "--churn.concurrency=3", "--churn.rooms=2");
    assertEquals(30L, r.figures.get("cycles_done"));
  }

  private static Result run(String scenario, String... settings) throws Exception {
    List<String> args = new ArrayList<>(List.of(scenario, "--warmup.messages=0", "--warmup.same-load-seconds=1", "--url=" + server.base(),
        "--server-pid=" + server.pid(), "--presence-grace-ms=" + GRACE_MS, "--bucket-ms=250",
        "--jcmd=" + Path.of(System.getProperty("java.home"), "bin", "jcmd")));
    boolean ownOut = List.of(settings).stream().anyMatch(s -> s.startsWith("--out="));
    if (!ownOut) args.add("--out=" + reports.resolve(scenario));
    args.addAll(List.of(settings));
    LoadBenchmark.Outcome outcome = LoadBenchmark.execute(args.toArray(String[]::new));
    assertTrue(outcome.passed(), outcome.describe());
    Result r = outcome.results().get(0);
    assertEquals(0L, r.figures.get("loss"), "loss");
    assertEquals(0L, r.figures.get("duplicates"), "duplicates");
    Path dir = outcome.files().get(0).getParent();
    for (String file : List.of(scenario + ".json", scenario + ".md", scenario + "-latency.svg", "summary.md")) {
      assertTrue(Files.size(dir.resolve(file)) > 0, file + " written");
    }
    try (var reader = Json.createReader(Files.newBufferedReader(dir.resolve(scenario + ".json")))) {
      JsonObject json = reader.readObject();
      assertEquals("PASS", json.getString("verdict").substring(0, 4));
      assertTrue(json.getJsonObject("figures").getJsonObject("latency").getInt("count") > 0, "latency samples in the JSON");
    }
    assertTrue(Files.readString(dir.resolve(scenario + "-latency.svg")).contains("<polyline"), "the chart has lines");
    return r;
  }
}
