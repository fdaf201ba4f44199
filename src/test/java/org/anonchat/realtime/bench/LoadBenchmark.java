package org.anonchat.realtime.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Load benchmark for a running chat server on loopback. Not a test: run it with {@code bench/run.sh},
 * or by hand: {@code java -cp target/test-classes:<test classpath> org.anonchat.realtime.bench.LoadBenchmark
 * [fanout] [single-room-throughput] [slow-reader] [--url=http://127.0.0.1:8080/] [--key=value ...]}.
 * {@code probe} alone only checks that the server accepts a WebSocket and an auth (for start-up polling).
 *
 * <p>Exit status: 0 when every check passed, 1 when a correctness check failed, 2 on a usage error or an
 * unexpected exception (server not reachable, a handshake timed out).
 */
public final class LoadBenchmark {

  private LoadBenchmark() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(Options.parse(args));
    } catch (Exception e) {
      System.out.println("benchmark aborted: " + e);
      e.printStackTrace(System.out);
      status = 2;
    }
    System.exit(status);
  }

  private static int run(Options options) throws Exception {
    if (options.scenarios.equals(List.of("probe"))) return probe(options);
    String runId = Long.toString(System.currentTimeMillis(), 36);
    Resources resources = new Resources(options.integer("server-pid", 0), options.integer("clock-ticks", 100));
    List<Scenarios.Outcome> outcomes = new ArrayList<>();
    try (Target target = Target.of(options.text("url", "http://127.0.0.1:8080/"))) {
      System.out.printf("AnonChat load benchmark, %s, target %s, %d cores visible to the client%n",
          ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), target.ws(),
          Runtime.getRuntime().availableProcessors());
      Scenarios scenarios = new Scenarios(options, target, resources, runId);
      if (options.integer("warmup.messages", 150) > 0) {
        // The server's JIT compiles on first use: a short unreported run keeps that out of the first scenario.
        Scenarios.Outcome warm = scenarios.run("warm-up");
        System.out.println();
        System.out.println("== warm-up (not reported): " + (warm.failures().isEmpty() ? "done" : "FAILED"));
        warm.failures().forEach(f -> System.out.println("  FAIL " + f));
        if (!warm.failures().isEmpty()) outcomes.add(warm);
      }
      for (String name : options.scenarios) {
        System.out.println();
        System.out.println("== " + name);
        Scenarios.Outcome outcome = scenarios.run(name);
        outcome.lines().forEach(System.out::println);
        outcome.failures().forEach(f -> System.out.println("  FAIL " + f));
        outcome.warnings().forEach(w -> System.out.println("  WARN " + w));
        outcomes.add(outcome);
      }
    }
    System.out.println();
    System.out.println("== result");
    boolean failed = false;
    for (Scenarios.Outcome o : outcomes) {
      String verdict = o.failures().isEmpty() ? (o.warnings().isEmpty() ? "PASS" : "PASS with warnings") : "FAIL";
      System.out.printf("%-24s %s%n", o.name(), verdict);
      failed |= !o.failures().isEmpty();
    }
    return failed ? 1 : 0;
  }

  /** 0 if a client can connect and authenticate within 5 s, else 2; prints nothing on success. */
  private static int probe(Options options) {
    try (Target target = Target.of(options.text("url", "http://127.0.0.1:8080/"))) {
      BenchClient.open(target, "probe", new Ledger(), 1, java.time.Duration.ofSeconds(5)).abort();
      return 0;
    } catch (Exception e) {
      return 2;
    }
  }
}
