package org.anonchat.realtime.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connections scenario: ramps to C authenticated connections (each a distinct identity) that each
 * joined a room of {@code room-size} members, at a fixed start rate with a bounded number of handshakes
 * in flight; holds them and measures the server's RSS, heap (after GC) and open files per connection;
 * proves every connection is live by sending one message into each room; then drops them all and
 * measures again once the presence grace period has passed.
 *
 * <p>Before that, unmeasured, {@code connections.warmup} connections (default: as many as the run, at most
 * 6,000) are ramped the same way and closed, so that the server's JIT has compiled the handshake, auth and join
 * path, as the message scenarios' warm-up does for the message path: without it the first 20-25 s of a ramp
 * measure a cold compiler (2,000 were not enough: seconds 3-8 of the ramp still waited, docs/performance.md).
 */
final class ConnectionRamp {

  private final Options options;
  private final Target target;
  private final Resources resources;
  private final String runId;

  ConnectionRamp(Options options, Target target, Resources resources, String runId) {
    this.options = options;
    this.target = target;
    this.resources = resources;
    this.runId = runId;
  }

  Result run() throws Exception {
    int count = options.integer("connections.count", 1000);
    int rate = Math.max(1, options.integer("connections.rate", 500));
    int parallel = Math.max(1, options.integer("connections.parallel", 256));
    int roomSize = Math.max(1, options.integer("connections.room-size", 20));
    int hold = options.integer("connections.hold", 5);
    int cap = options.integer("connections.seconds", 120);
    int grace = options.integer("presence-grace-ms", 5000);
    int warmup = Math.max(0, options.integer("connections.warmup", Math.min(count, 6000)));
    long warmupFailures = warmup > 0 ? warmUp(warmup, rate, parallel, roomSize, cap, grace) : 0;
    Result result = new Result("connections").setting("count", count).setting("start_rate_per_s", rate)
        .setting("warmup_connections", warmup)
        .setting("handshakes_in_flight_max", parallel).setting("room_size", roomSize).setting("hold_s", hold)
        .setting("ramp_cap_s", cap).setting("source", target.sourceNote());
    Ledger ledger = new Ledger(options.integer("bucket-ms", 1000));
    try (RoomLoad load = new RoomLoad(target, ledger, runId + "-conn")) {
      long heapBase = resources.heapAfterGcKib();
      java.util.Map<String, Long> classesBase = options.integer("connections.histogram", 0) > 0
          ? resources.classHistogram() : java.util.Map.of();
      Resources.Snapshot base = resources.now();
      long filesBase = resources.openFiles();

      AtomicLong failed = new AtomicLong();
      Timeline readyOverTime = load.trackReadyOverTime(options.integer("bucket-ms", 1000));
      long t0 = System.nanoTime();
      int started = ramp(load, ledger, "conn", count, rate, parallel, roomSize, t0 + TimeUnit.SECONDS.toNanos(cap), failed);
      Resources.Snapshot ramped = resources.now();
      int connected = load.connections();
      result.figure("connections", connected);
      result.figure("connect_failures", failed.get());
      result.figure("warmup_connect_failures", warmupFailures);
      result.figure("ramp_s", Result.round((ramped.wallNanos() - t0) / 1e9, 2));
      result.figure("ready", load.ready.summary().asMap());
      if (started < count) result.failures.add("only " + started + " of " + count + " connections were started within " + cap + " s");
      if (failed.get() > 0) result.failures.add(failed.get() + " connections failed to connect, authenticate or join");
      double rampCpu = (ramped.serverCpuNanos() - base.serverCpuNanos()) / 1e9;
      if (resources.knowsServer()) {
        result.figure("server", "ramp_cpu_s", Result.round(rampCpu, 2));
        result.figure("server", "cpu_ms_per_connection", Result.round(rampCpu * 1e3 / Math.max(1, connected), 3));
      }

      TimeUnit.SECONDS.sleep(hold);
      long heapHeld = resources.heapAfterGcKib();
      long rssHeld = resources.statusKib("VmRSS");
      long filesHeld = resources.openFiles();
      if (!classesBase.isEmpty()) {
        // What one held connection costs on the heap, by class (opt-in: a histogram of a big heap takes seconds).
        result.figure("heap_held_by_class", Resources.growth(classesBase, resources.classHistogram(), 15));
      }

      Ledger.Phase phase = ledger.phase("connections");
      RoomLoad.Sending probe = load.sendPhase(1, 1, 50, Duration.ofSeconds(30), 0, () -> false);
      result.failures.addAll(probe.failures());
      Scenarios.messageFigures(result, phase, 0);
      result.timeline = readyOverTime.points();
      result.chart = "ready time (connect, auth, join) over the ramp";
      result.checks(load.verify(null));
      Resources.Snapshot held = resources.now();

      long closeNanos = load.closeAll();
      result.figure("close_all_s", Result.round(closeNanos / 1e9, 2));
      TimeUnit.MILLISECONDS.sleep(grace + 2000L);
      long heapAfter = resources.heapAfterGcKib();
      long rssAfter = resources.statusKib("VmRSS");
      if (!classesBase.isEmpty()) {
        // What stays on the heap once every connection closed and the presence grace passed, by class.
        result.figure("heap_after_drop_by_class", Resources.growth(classesBase, resources.classHistogram(), 15));
      }

      result.server(base, held, resources, phase.deliveries.sum());
      result.figure("server", "rss_baseline_kib", base.rssKib());
      result.figure("server", "rss_held_kib", rssHeld);
      result.figure("server", "rss_after_drop_kib", rssAfter);
      result.figure("server", "heap_baseline_kib", heapBase);
      result.figure("server", "heap_held_kib", heapHeld);
      result.figure("server", "heap_after_drop_kib", heapAfter);
      result.figure("server", "open_files_baseline", filesBase);
      result.figure("server", "open_files_held", filesHeld);
      if (connected > 0 && rssHeld > 0) {
        result.figure("server", "rss_per_connection_kib", Result.round((rssHeld - base.rssKib()) / (double) connected, 2));
      }
      if (connected > 0 && heapHeld > 0 && heapBase > 0) {
        result.figure("server", "heap_per_connection_kib", Result.round((heapHeld - heapBase) / (double) connected, 2));
      }
      Report.errors(ledger, result);
      return result;
    }
  }

  /** The unmeasured warm-up ramp: its own connections, rooms and ledger, closed before the measured one. */
  private long warmUp(int warmup, int rate, int parallel, int roomSize, int cap, int grace) throws Exception {
    Ledger ledger = new Ledger(options.integer("bucket-ms", 1000));
    AtomicLong failed = new AtomicLong();
    try (RoomLoad load = new RoomLoad(target, ledger, runId + "-warm")) {
      ramp(load, ledger, "warm", warmup, rate, parallel, roomSize, System.nanoTime() + TimeUnit.SECONDS.toNanos(cap), failed);
      load.closeAll();
    }
    // Their presence ends after the grace period; the measured ramp starts from a quiet server.
    TimeUnit.MILLISECONDS.sleep(grace + 1000L);
    return failed.get();
  }

  /**
   * Starts {@code count} connections at {@code rate} per second, at most {@code parallel} handshakes in flight,
   * each joining a room of {@code roomSize}, until all have finished or {@code deadline} (+20 s) has passed.
   * Returns how many were started; failures are counted in {@code failed} and the ledger.
   */
  private int ramp(RoomLoad load, Ledger ledger, String label, int count, int rate, int parallel, int roomSize,
      long deadline, AtomicLong failed) throws Exception {
    Semaphore inFlight = new Semaphore(parallel);
    List<CompletableFuture<BenchClient>> pending = new ArrayList<>();
    long t0 = System.nanoTime();
    int started = 0;
    for (; started < count && System.nanoTime() < deadline; started++) {
      long due = t0 + started * 1_000_000_000L / rate;
      long wait = due - System.nanoTime();
      if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
      if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
      String roomId = "bench-" + runId + "-" + label + "-" + started / roomSize;
      pending.add(load.memberAsync(roomId, runId + "-" + label + started, 1).whenComplete((c, e) -> {
        inFlight.release();
        if (e != null) {
          failed.incrementAndGet();
          ledger.error("connect failed: " + rootCause(e));
        }
      }));
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
          .get(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(20), TimeUnit.NANOSECONDS);
    } catch (Exception e) {
      // counted per connection above; the figures show how many made it
    }
    return started;
  }

  static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
