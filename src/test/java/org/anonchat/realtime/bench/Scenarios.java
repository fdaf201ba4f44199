package org.anonchat.realtime.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/** The three scenarios. Each is bounded in messages and in time, and reports what it measured and found. */
final class Scenarios {

  static final List<String> NAMES = List.of("fanout", "single-room-throughput", "slow-reader");

  record Outcome(String name, List<String> lines, List<String> failures, List<String> warnings) {}

  private final Options options;
  private final Target target;
  private final Resources resources;
  private final String runId;

  Scenarios(Options options, Target target, Resources resources, String runId) {
    this.options = options;
    this.target = target;
    this.resources = resources;
    this.runId = runId;
  }

  Outcome run(String name) throws Exception {
    return switch (name) {
      case "warm-up" -> rooms("warm-up", 2, 4, 2, options.integer("warmup.messages", 150));
      case "fanout" -> rooms("fanout", options.integer("fanout.rooms", 10), options.integer("fanout.members", 20),
          options.integer("fanout.senders", 2), options.integer("fanout.messages", 100));
      case "single-room-throughput" -> rooms("single-room-throughput", 1, options.integer("throughput.members", 8),
          options.integer("throughput.senders", 8), options.integer("throughput.messages", 150));
      case "slow-reader" -> slowReader();
      default -> throw new IllegalArgumentException("unknown scenario " + name + "; known: " + NAMES);
    };
  }

  /** R rooms of M members; S of each room's members send N messages each. */
  private Outcome rooms(String name, int roomCount, int members, int senders, int perSender) throws Exception {
    String key = name.startsWith("single") ? "throughput" : name.startsWith("warm") ? "warmup" : "fanout";
    int window = options.integer(key + ".window", 4);
    int content = options.integer(key + ".content", 200);
    Duration cap = Duration.ofSeconds(options.integer(key + ".seconds", 30));
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%d room(s) x %d members, %d sender(s) per room x %d messages, window %d, content %d chars, cap %d s",
        roomCount, members, senders, perSender, window, content, cap.toSeconds()));
    Ledger ledger = new Ledger();
    Resources.Snapshot start = resources.now();
    try (RoomLoad load = new RoomLoad(target, ledger, runId + "-" + key)) {
      List<String> roomIds = IntStream.range(0, roomCount).mapToObj(i -> "bench-" + runId + "-" + key + "-" + i).toList();
      long t0 = System.nanoTime();
      load.connect(roomIds, members, window);
      lines.add(String.format("connections       %d, connected, authenticated and joined in %.1f s", load.connections(), (System.nanoTime() - t0) / 1e9));
      ledger.phase(name);
      RoomLoad.Sending sending = load.sendPhase(senders, perSender, content, cap, () -> false);
      List<String> failures = new ArrayList<>(sending.failures());
      failures.addAll(load.verify(null));
      List<String> warnings = new ArrayList<>();
      if (sending.capped()) warnings.add(name + ": time cap reached; sent " + sending.sent() + " of " + roomCount * senders * perSender);
      Report.phases(ledger, lines);
      Report.errors(ledger, lines);
      lines.add("resources         " + resources.since(start));
      lines.add(failures.isEmpty()
          ? "correctness       OK: every member got every message of its room once, in order; seqs 1..n gap-free in "
              + roomCount + " room(s)"
          : "correctness       FAILED (" + failures.size() + " problems)");
      return new Outcome(name, lines, failures, warnings);
    }
  }

  /**
   * One room. Baseline: everyone reads. Then a new member joins and stops reading while the others send
   * again: their latency should not change, and the server should cut the stalled member off with 1013.
   * The stalled phase ends early once the others hear that the stalled user went offline (which presence
   * announces a grace period after the cut-off).
   */
  private Outcome slowReader() throws Exception {
    int members = options.integer("slow.members", 6);
    int senders = options.integer("slow.senders", 3);
    int baseline = options.integer("slow.baseline", 100);
    int stalled = options.integer("slow.messages", 1000);
    int window = options.integer("slow.window", 4);
    int content = options.integer("slow.content", 16000);
    Duration cap = Duration.ofSeconds(options.integer("slow.seconds", 40));
    String roomId = "bench-" + runId + "-slow";
    List<String> lines = new ArrayList<>();
    lines.add(String.format("1 room x %d members + 1 slow reader, %d senders; baseline %d and stalled phase up to %d messages per sender;"
        + " window %d, content %d chars, cap %d s per phase", members, senders, baseline, stalled, window, content, cap.toSeconds()));
    List<String> failures = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Ledger ledger = new Ledger();
    Resources.Snapshot start = resources.now();
    try (RoomLoad load = new RoomLoad(target, ledger, runId + "-slow")) {
      load.connect(List.of(roomId), members, window);
      Ledger.Phase before = ledger.phase("baseline (all read)");
      RoomLoad.Sending first = load.sendPhase(senders, baseline, content, cap, () -> false);
      failures.addAll(first.failures());
      BenchClient slow = load.outsider(roomId, "slow-reader", window);
      slow.pause();
      Ledger.Phase during = ledger.phase("slow reader stalled");
      List<BenchClient> others = load.members(roomId);
      AtomicLong sentWhenOffline = new AtomicLong(-1);
      BooleanSupplier offline = () -> {
        boolean seen = others.stream().anyMatch(c -> c.sawOffline(slow.userId()));
        if (seen) sentWhenOffline.compareAndSet(-1, during.sent.sum());
        return seen;
      };
      RoomLoad.Sending second = load.sendPhase(senders, stalled, content, cap, offline);
      failures.addAll(second.failures());
      long resumed = System.nanoTime();
      slow.resume();
      int code = closeCode(slow);
      int got = slow.received(roomId).size();
      lines.add(String.format("slow reader       %s; after resuming it read %d of the %d messages sent after it joined, then (%.1f s later) %s",
          code == 1013 ? "closed by the server with 1013" : code == 0 ? "NOT closed within 20 s of resuming" : "closed with " + code,
          got, during.sent.sum(), (System.nanoTime() - resumed) / 1e9, slow.closeDetail()));
      lines.add(sentWhenOffline.get() < 0
          ? "                  the others were not told it went offline during the stalled phase"
          : "                  the others were told it went offline after " + sentWhenOffline.get()
              + " messages of the stalled phase (one presence grace period after the cut-off); sending stopped there");
      boolean cutOff = sentWhenOffline.get() >= 0 || code > 0 || (code < 0 && got < during.sent.sum());
      if (!cutOff) {
        failures.add("slow reader was never cut off (" + slow.closeDetail() + "): the stall did not overflow its queue"
            + " (raise slow.messages or lower chat.connection.max-queued-frames) or the server failed to cut it off");
      } else if (code != 1013) {
        warnings.add("slow-reader: the server cut the stalled member off, but no 1013 close frame reached it ("
            + slow.closeDetail() + "); " + (during.sent.sum() - got) + " queued messages were dropped with the connection");
      }
      if (second.capped()) warnings.add("slow-reader: time cap reached in the stalled phase after " + second.sent() + " messages");
      failures.addAll(Verdict.prefix(roomId, slow));
      failures.addAll(load.verify(slow));
      Report.phases(ledger, lines);
      compare(before, during, lines, warnings);
      Report.errors(ledger, lines);
      lines.add("resources         " + resources.since(start));
      lines.add(failures.isEmpty()
          ? "correctness       OK: the readers got every message once, in order; seqs gap-free; the slow reader's part gap-free"
          : "correctness       FAILED (" + failures.size() + " problems)");
      return new Outcome("slow-reader", lines, failures, warnings);
    }
  }

  private static int closeCode(BenchClient slow) throws Exception {
    try {
      return slow.closed().get(20, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      slow.abort();
      return 0;
    }
  }

  /** The others' delivery p99 while a member stalls, against the baseline; noisy, so only a warning. */
  private static void compare(Ledger.Phase before, Ledger.Phase during, List<String> lines, List<String> warnings) {
    long p99Before = before.delivery.summary().p99();
    long p99During = during.delivery.summary().p99();
    double ratio = p99Before == 0 ? 0 : (double) p99During / p99Before;
    lines.add(String.format("others' p99       %s ms stalled vs %s ms baseline (x%.2f)",
        Latencies.Summary.ms(p99During), Latencies.Summary.ms(p99Before), ratio));
    if (ratio > 2 && p99During - p99Before > 20_000_000L) {
      warnings.add("slow-reader: the other members' delivery p99 rose from " + Latencies.Summary.ms(p99Before) + " to "
          + Latencies.Summary.ms(p99During) + " ms while one member stalled (re-run once: figures are noisy)");
    }
  }
}
