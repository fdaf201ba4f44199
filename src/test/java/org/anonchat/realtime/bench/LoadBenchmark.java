package org.anonchat.realtime.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Load benchmark for a running chat server on loopback. Not a test: run it with {@code bench/run.sh},
 * or by hand: {@code java -cp target/test-classes:<test classpath> org.anonchat.realtime.bench.LoadBenchmark
 * [fanout] [rooms] [connections] [churn] [slow-reader] [--url=http://127.0.0.1:8080/] [--key=value ...]}.
 * {@code probe} alone only checks that the server accepts a WebSocket and an auth (for start-up polling).
 * Each scenario writes {@code <out>/<scenario>.json}, {@code .md} and {@code -latency.svg}; {@code
 * <out>/summary.md} has one row per scenario.
 *
 * <p>Exit status: 0 when every check passed, 1 when a correctness check failed, 2 on a usage error or an
 * unexpected exception (server not reachable, a handshake timed out).
 */
public final class LoadBenchmark {

  /** What a run produced: each scenario's result and the files written. */
  public record Outcome(List<Result> results, List<Path> files) {
    public boolean passed() {
      return results.stream().allMatch(r -> r.failures.isEmpty());
    }

    public String describe() {
      StringBuilder b = new StringBuilder();
      for (Result r : results) {
        b.append(r.name).append(": ").append(r.verdict()).append(' ').append(r.figures).append('\n');
        r.failures.forEach(f -> b.append("  FAIL ").append(f).append('\n'));
      }
      return b.toString();
    }
  }

  private LoadBenchmark() {}

  public static void main(String[] args) {
    int status;
    try {
      Options options = Options.parse(args);
      status = options.scenarios.equals(List.of("probe")) ? probe(options) : (execute(options).passed() ? 0 : 1);
    } catch (Exception e) {
      System.out.println("benchmark aborted: " + e);
      e.printStackTrace(System.out);
      status = 2;
    }
    System.exit(status);
  }

  /** Runs the scenarios the arguments name (for tests: the same as the command line, without exiting). */
  public static Outcome execute(String... args) throws Exception {
    return execute(Options.parse(args));
  }

  private static Outcome execute(Options options) throws Exception {
    String runId = Long.toString(System.currentTimeMillis(), 36);
    Path out = Path.of(options.text("out", "target/bench"));
    Resources resources = new Resources(options.integer("server-pid", 0), options.integer("clock-ticks", 100),
        options.text("jcmd", Path.of(System.getProperty("java.home"), "bin", "jcmd").toString()));
    RoomLoad.drain = java.time.Duration.ofSeconds(options.integer("drain-s", 30));
    List<Result> results = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    Map<String, Object> run = new LinkedHashMap<>();
    try (Target target = Target.of(options.text("url", "http://127.0.0.1:8080/"), options.integer("sources", 1),
        options.text("client", "nio"), options.integer("client.threads", 1))) {
      run.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      run.put("target", target.ws().toString());
      run.put("client", "Java " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible, "
          + target.clientNote() + ", " + target.sourceNote() + ", collector " + collector());
      run.put("server_pid", options.integer("server-pid", 0));
      if (!options.text("server", "").isEmpty()) run.put("server", options.text("server", ""));
      if (options.integer("server-startup-ms", 0) > 0) run.put("server_start_to_first_socket_ms", options.integer("server-startup-ms", 0));
      System.out.printf("AnonChat load benchmark, %s, target %s, %s%n", run.get("date"), target.ws(), run.get("client"));
      Scenarios scenarios = new Scenarios(options, target, resources, runId);
      if (options.integer("warmup.messages", 100_000) > 0) {
        // The server's JIT compiles on first use: an unreported run keeps that out of the first scenario.
        Result warm = scenarios.run("warm-up");
        System.out.println("== warm-up (not reported): " + warm.verdict());
        warm.failures.forEach(f -> System.out.println("  FAIL " + f));
        if (!warm.failures.isEmpty()) results.add(warm);
      }
      for (String name : options.scenarios) {
        System.out.println();
        System.out.println("== " + name);
        Result result = scenarios.run(name);
        files.addAll(ReportFiles.write(out, result, run));
        System.out.print(ReportFiles.markdown(result, Map.of(), name + "-latency.svg"));
        results.add(result);
      }
    }
    files.add(ReportFiles.summary(out, results, run));
    System.out.println();
    System.out.println("== result (reports in " + out.toAbsolutePath() + ")");
    for (Result r : results) System.out.printf("%-24s %s%n", r.name, r.verdict());
    return new Outcome(results, files);
  }

  /**
   * 0 once a client could connect and authenticate, polling every 100 ms for at most {@code --wait-s}
   * seconds (default 0: one try of at most 5 s), else 2. On success prints {@code ready-at-ms=<epoch ms>},
   * so a script can tell how long the server took from launch to its first answered WebSocket.
   */
  private static int probe(Options options) throws InterruptedException {
    long deadline = System.nanoTime() + options.integer("wait-s", 0) * 1_000_000_000L;
    try (Target target = Target.of(options.text("url", "http://127.0.0.1:8080/"), 1, options.text("client", "nio"), 1)) {
      while (true) {
        try {
          BenchClient.open(target, "probe", new Ledger(), 1, java.time.Duration.ofSeconds(5)).abort();
          System.out.println("ready-at-ms=" + System.currentTimeMillis());
          return 0;
        } catch (Exception e) {
          if (System.nanoTime() > deadline) return 2;
          Thread.sleep(100);
        }
      }
    }
  }

  /** The generator's own collector: its pauses are counted as latency, so a report says which one ran. */
  private static String collector() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName).findFirst().orElse("unknown");
  }
}
