package org.anonchat.realtime.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The uber-jar built by {@code mvn package} ({@code target/chat-microbundle.jar}) run as its users run it,
 * {@code java -jar}, on a loopback port, with the given system properties. Output goes to a log file next to
 * the data folder.
 */
public final class UberJarServer implements AutoCloseable {

  private static final Duration BOOT = Duration.ofSeconds(120);

  private final Process process;
  private final URL base;
  private final Path log;

  private UberJarServer(Process process, URL base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  public static UberJarServer start(int port, Path data, String... systemProperties) throws IOException {
    File jar = new File("target/chat-microbundle.jar");
    assertTrue(jar.isFile(), "mvn package builds " + jar);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
        "-Dchat.data.dir=" + data.toAbsolutePath()));
    for (String property : systemProperties) command.add("-D" + property);
    // A fresh --rootdir per start, under target/ rather than /tmp: a runtime folder left by a killed
    // server must not be reused (a restart on it failed to load application classes).
    Path root = Files.createTempDirectory(data.toAbsolutePath().getParent(), data.getFileName() + "-root");
    command.addAll(List.of("-jar", jar.getAbsolutePath(), "--port", String.valueOf(port), "--nocluster",
        "--rootdir", root.toString()));
    Path log = root.resolveSibling(root.getFileName() + ".log");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new UberJarServer(process, new URL("http://127.0.0.1:" + port + "/"), log);
  }

  /** Whether the server's output contains {@code text} within {@code timeout} (it is written as the server runs). */
  public boolean logContains(String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) return true;
      if (System.nanoTime() > deadline || !process.isAlive()) return false;
      process.waitFor(100, TimeUnit.MILLISECONDS); // paces the poll; returns early if the process dies
    }
  }

  public URL base() {
    return base;
  }

  /** The server's process id (for /proc and jcmd readings). */
  public long pid() {
    return process.pid();
  }

  /** Polls until {@code /ws} accepts a connection; fails if the process dies or the boot takes too long. */
  public ChatClient connectWhenUp() throws Exception {
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

  /** Stops the server as an operator would (SIGTERM), forcibly only if it does not stop within a minute. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Kills the process at once (SIGKILL), like a crash: nothing gets a chance to flush. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
