package org.anonchat.realtime.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The churn scenario, to catch leaks: W workers each loop connect, auth (a fresh identity), join, send
 * one message, wait for its ack and its own copy, disconnect. One observer per room must receive every
 * message once, in order. The server's heap after GC is taken after a short warm-up churn (the
 * baseline) and again after the measured churn and one presence grace period: the two should match.
 */
final class Churn {

  private final Options options;
  private final Target target;
  private final Resources resources;
  private final String runId;

  Churn(Options options, Target target, Resources resources, String runId) {
    this.options = options;
    this.target = target;
    this.resources = resources;
    this.runId = runId;
  }

  Result run() throws Exception {
    int cycles = options.integer("churn.cycles", 2000);
    int warmup = options.integer("churn.warmup", 100);
    int workers = Math.max(1, options.integer("churn.concurrency", 8));
    int roomCount = Math.max(1, options.integer("churn.rooms", 4));
    int seconds = options.integer("churn.seconds", 60);
    int grace = options.integer("presence-grace-ms", 5000);
    Result result = new Result("churn").setting("cycles", cycles).setting("warmup_cycles", warmup)
        .setting("concurrency", workers).setting("rooms", roomCount).setting("seconds", seconds)
        .setting("settle_s", options.integer("churn.settle-s", 0));
    Ledger ledger = new Ledger(options.integer("bucket-ms", 1000));
    try (RoomLoad observers = new RoomLoad(target, ledger, runId + "-churn-obs")) {
      List<String> roomIds = IntStream.range(0, roomCount).mapToObj(i -> "bench-" + runId + "-churn-" + i).toList();
      observers.connect(roomIds, 1, 1, 4);
      Latencies ready = new Latencies();
      Latencies cycle = new Latencies();
      AtomicLong failures = new AtomicLong();
      ledger.phase("churn warm-up");
      loop("w", warmup, workers, roomIds, Duration.ofSeconds(30), ledger, new Latencies(), new Latencies(), failures);
      TimeUnit.MILLISECONDS.sleep(grace + 2000L);
      long heapBase = resources.heapAfterGcKib();
      Map<String, Long> classesBase = resources.classHistogram();
      Resources.Snapshot start = resources.now();

      Ledger.Phase phase = ledger.phase("churn");
      long done = loop("c", cycles, workers, roomIds, Duration.ofSeconds(seconds), ledger, ready, cycle, failures);
      Resources.Snapshot end = resources.now();
      TimeUnit.MILLISECONDS.sleep(grace + 2000L);
      long heapAfter = resources.heapAfterGcKib();
      Map<String, Long> classesAfter = resources.classHistogram();
      Resources.Snapshot settled = resources.now();
      // The container keeps some state of a closed connection for a while (timers that run out later): reading
      // the heap once more after churn.settle-s tells a time-bounded retention from a leak.
      int settle = options.integer("churn.settle-s", 0);
      if (settle > 0) {
        TimeUnit.SECONDS.sleep(settle);
        long heapSettled = resources.heapAfterGcKib();
        result.figure("server", "heap_after_settle_kib", heapSettled);
        result.figure("server", "heap_growth_after_settle_kib", heapSettled - heapBase);
        result.figure("heap_growth_by_class_after_settle", Resources.growth(classesBase, resources.classHistogram(), 12));
      }

      result.figure("cycles_done", done);
      result.figure("cycles_per_s", Result.round(done / Math.max(1e-9, (end.wallNanos() - start.wallNanos()) / 1e9), 1));
      result.figure("cycle_failures", failures.get());
      result.figure("ready", ready.summary().asMap());
      result.figure("cycle", cycle.summary().asMap());
      Scenarios.messageFigures(result, phase, 0);
      long deliveries = phase.deliveries.sum();
      // The churners' own copies are counted; the observers' copies carry the latency figures.
      result.checks(observers.verify(null));
      if (failures.get() > 0) result.failures.add(failures.get() + " churn cycles failed");
      if (done < cycles) result.warnings.add("time cap reached after " + done + " of " + cycles + " cycles");
      result.server(start, end, resources, deliveries);
      result.figure("server", "heap_baseline_kib", heapBase);
      result.figure("server", "heap_after_churn_kib", heapAfter);
      if (heapBase > 0 && heapAfter > 0) {
        result.figure("server", "heap_growth_kib", heapAfter - heapBase);
        result.figure("server", "heap_growth_bytes_per_cycle", Result.round((heapAfter - heapBase) * 1024.0 / Math.max(1, done), 1));
      }
      result.figure("server", "rss_after_grace_kib", settled.rssKib());
      if (!classesBase.isEmpty() && !classesAfter.isEmpty()) {
        result.figure("heap_growth_by_class", Resources.growth(classesBase, classesAfter, 12));
      }
      Report.errors(ledger, result);
      return result;
    }
  }

  /** Runs up to {@code cycles} connect-to-disconnect cycles on {@code workers} threads; returns how many completed. */
  private long loop(String tag, int cycles, int workers, List<String> roomIds, Duration cap, Ledger ledger,
      Latencies ready, Latencies cycle, AtomicLong failures) throws Exception {
    long deadline = System.nanoTime() + cap.toNanos();
    AtomicLong next = new AtomicLong();
    AtomicLong done = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(workers, DaemonThreads.named("bench-churn"));
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      running.add(pool.submit(() -> {
        long i;
        while ((i = next.getAndIncrement()) < cycles && System.nanoTime() < deadline) {
          try {
            once(runId + "-" + tag + i, roomIds.get((int) (i % roomIds.size())), ledger, ready, cycle);
            done.incrementAndGet();
          } catch (Exception e) {
            failures.incrementAndGet();
            ledger.error("churn cycle failed: " + ConnectionRamp.rootCause(e));
          }
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : running) f.get(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
    } finally {
      pool.shutdownNow();
    }
    return done.get();
  }

  private void once(String name, String roomId, Ledger ledger, Latencies ready, Latencies cycle) throws Exception {
    long t0 = System.nanoTime();
    BenchClient c = BenchClient.open(target, name, ledger, 1, RoomLoad.STEP_TIMEOUT);
    try {
      c.join(roomId, RoomLoad.STEP_TIMEOUT);
      ready.add(System.nanoTime() - t0);
      String id = name + "-m";
      long deadline = System.nanoTime() + RoomLoad.STEP_TIMEOUT.toNanos();
      if (!c.send(roomId, id, RoomLoad.content(id, 50), deadline)) throw new IllegalStateException("could not send");
      if (!c.awaitInFlight(deadline)) throw new IllegalStateException("no ack");
      while (!c.holds(roomId, id)) {
        if (System.nanoTime() > deadline) throw new IllegalStateException("own message never delivered");
        Thread.sleep(1);
      }
      c.closeAsync().thenCompose(x -> c.closed()).get(10, TimeUnit.SECONDS);
      cycle.add(System.nanoTime() - t0);
    } catch (Exception e) {
      c.abort();
      throw e;
    }
  }
}
