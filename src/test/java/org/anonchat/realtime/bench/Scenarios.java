package org.anonchat.realtime.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The message scenarios: fanout (C members of one room, S senders, window-limited or at a fixed total
 * rate), rooms (C clients over K rooms, each sending every P ms) and slow-reader. The connection
 * scenarios live in {@link ConnectionRamp} and {@link Churn}. Each is bounded in messages and in time.
 */
final class Scenarios {

  static final List<String> NAMES = List.of("fanout", "rooms", "connections", "churn", "slow-reader");

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

  Result run(String name) throws Exception {
    return switch (name) {
      // 4 rooms of 50, 4 senders each, as fast as a window of 8 allows: the whole message path runs hot for
      // warmup.seconds, long enough for the JIT to compile it (a few hundred messages left C2 compiling through
      // the measured run, 30% of a core).
      case "warm-up" -> rooms("warm-up", "warmup", 4, 50, 4, options.integer("warmup.messages", 100_000), 8, 0,
          options.integer("warmup.seconds", 15));
      case "fanout" -> rooms("fanout", "fanout", options.integer("fanout.rooms", 1), options.integer("fanout.members", 200),
          options.integer("fanout.senders", 4), options.integer("fanout.messages", 1_000_000), options.integer("fanout.window", 8),
          options.decimal("fanout.rate", 0), options.integer("fanout.seconds", 20));
      case "rooms" -> {
        int clients = options.integer("rooms.clients", 1000);
        int roomCount = Math.max(1, options.integer("rooms.rooms", 100));
        int period = Math.max(1, options.integer("rooms.period-ms", 1000));
        int members = Math.max(1, clients / roomCount);
        yield rooms("rooms", "rooms", roomCount, members, members, options.integer("rooms.messages", 1_000_000),
            options.integer("rooms.window", 4), 1000.0 / period * members * roomCount, options.integer("rooms.seconds", 30));
      }
      case "connections" -> new ConnectionRamp(options, target, resources, runId).run();
      case "churn" -> new Churn(options, target, resources, runId).run();
      case "slow-reader" -> slowReader();
      default -> throw new IllegalArgumentException("unknown scenario " + name + "; known: " + NAMES);
    };
  }

  /**
   * R rooms of M members; S of each room's members send, as fast as their windows allow ({@code totalRate}
   * 0) or together {@code totalRate} messages per second, for {@code seconds} (or N messages each).
   */
  private Result rooms(String name, String key, int roomCount, int members, int senders, long perSender, int window,
      double totalRate, int seconds) throws Exception {
    int content = options.integer(key + ".content", 100);
    senders = Math.min(senders, members);
    double ratePerSender = totalRate <= 0 ? 0 : totalRate / (roomCount * senders);
    Result result = new Result(name)
        .setting("rooms", roomCount).setting("members_per_room", members).setting("senders_per_room", senders)
        .setting("window", window).setting("content_chars", content).setting("seconds", seconds)
        .setting("max_messages_per_sender", perSender)
        .setting("rate_msgs_per_s", totalRate <= 0 ? "as fast as the window allows" : Result.round(totalRate, 1));
    Ledger ledger = new Ledger(options.integer("bucket-ms", 1000));
    try (RoomLoad load = new RoomLoad(target, ledger, runId + "-" + key)) {
      List<String> roomIds = IntStream.range(0, roomCount).mapToObj(i -> "bench-" + runId + "-" + key + "-" + i).toList();
      Resources.Snapshot beforeConnect = resources.now();
      load.connect(roomIds, members, window, options.integer("connect.parallel", 32));
      Resources.Snapshot connected = resources.now();
      result.figure("connections", load.connections());
      result.figure("connect_s", Result.round((connected.wallNanos() - beforeConnect.wallNanos()) / 1e9, 2));
      result.figure("ready", load.ready.summary().asMap());
      warmUpWithTheSameLoad(result, key, load, ledger, senders, perSender, content, ratePerSender);
      Ledger.Phase phase = ledger.phase(name);
      Resources.Snapshot start = resources.now();
      RoomLoad.Sending sending = load.sendPhase(senders, perSender, content, Duration.ofSeconds(seconds), ratePerSender, () -> false);
      Resources.Snapshot end = resources.now();
      result.failures.addAll(sending.failures());
      messageFigures(result, phase, sending.skipped());
      result.checks(load.verify(null));
      result.server(start, end, resources, phase.deliveries.sum());
      if (sending.skipped() > 0) {
        result.warnings.add(sending.skipped() + " paced sends skipped because the sender's window was full (the server fell behind the rate)");
      }
      Report.errors(ledger, result);
      return result;
    }
  }

  /**
   * Runs the scenario's own load on the same connections for {@code warmup.same-load-seconds} (20) before it
   * is measured. The general warm-up compiles the message path, but another load shape (one message per commit
   * and one frame per write in rooms, 200 writes per message at a fixed rate) makes C2 deoptimise and recompile
   * for tens of seconds, costing 30-45% of a core during the measurement: a long-running server has long since
   * paid that. The warm-up's messages are checked like the measured ones (every one acked and delivered once,
   * in order) but left out of the figures.
   */
  private void warmUpWithTheSameLoad(Result result, String key, RoomLoad load, Ledger ledger, int senders, long perSender,
      int content, double ratePerSender) throws Exception {
    int seconds = options.integer("warmup.same-load-seconds", 20);
    if (seconds <= 0 || key.equals("warmup")) return;
    result.setting("warmup_same_load_seconds", seconds);
    ledger.phase(result.name + " warm-up (not measured)");
    RoomLoad.Sending warm = load.sendPhase(senders, perSender, content, Duration.ofSeconds(seconds), ratePerSender, () -> false);
    result.failures.addAll(warm.failures());
  }

  static void messageFigures(Result result, Ledger.Phase phase, long skipped) {
    result.figure("messages", "sent", phase.sent.sum());
    result.figure("messages", "acked", phase.acked.sum());
    result.figure("messages", "rejected", phase.rejected.sum());
    if (skipped > 0) result.figure("messages", "skipped_window_full", skipped);
    result.figure("deliveries", phase.deliveries.sum());
    result.figure("send_s", Result.round(phase.seconds(), 2));
    result.figure("msgs_per_s", Result.round(phase.ackRate(), 1));
    result.figure("deliveries_per_s", Result.round(phase.deliveryRate(), 1));
    result.figure("latency", phase.delivery.summary().asMap());
    result.figure("ack_latency", phase.ack.summary().asMap());
    result.timeline = phase.timeline.points();
  }

  /**
   * One room. Baseline: everyone reads. Then a new member joins and stops reading while the others send
   * again: their latency should not change, and the server should cut the stalled member off with 1013.
   * The stalled phase ends early once the others hear that the stalled user went offline (which presence
   * announces a grace period after the cut-off).
   */
  private Result slowReader() throws Exception {
    int members = options.integer("slow.members", 6);
    int senders = options.integer("slow.senders", 3);
    int baseline = options.integer("slow.baseline", 100);
    int stalled = options.integer("slow.messages", 1000);
    int window = options.integer("slow.window", 4);
    int content = options.integer("slow.content", 16000);
    Duration cap = Duration.ofSeconds(options.integer("slow.seconds", 40));
    String roomId = "bench-" + runId + "-slow";
    Result result = new Result("slow-reader").setting("members", members).setting("senders", senders)
        .setting("baseline_messages_per_sender", baseline).setting("stalled_messages_per_sender", stalled)
        .setting("window", window).setting("content_chars", content).setting("seconds_per_phase", cap.toSeconds());
    Ledger ledger = new Ledger(options.integer("bucket-ms", 1000));
    try (RoomLoad load = new RoomLoad(target, ledger, runId + "-slow")) {
      load.connect(List.of(roomId), members, window, 16);
      Ledger.Phase before = ledger.phase("baseline (all read)");
      Resources.Snapshot start = resources.now();
      RoomLoad.Sending first = load.sendPhase(senders, baseline, content, cap, 0, () -> false);
      result.failures.addAll(first.failures());
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
      RoomLoad.Sending second = load.sendPhase(senders, stalled, content, cap, 0, offline);
      result.failures.addAll(second.failures());
      Resources.Snapshot end = resources.now();
      long resumed = System.nanoTime();
      slow.resume();
      int code = closeCode(slow);
      int got = slow.received(roomId).size();
      result.notes.add(String.format("slow reader: %s; after resuming it read %d of the %d messages sent after it joined, then (%.1f s later) %s",
          code == 1013 ? "closed by the server with 1013" : code == 0 ? "NOT closed within 20 s of resuming" : "closed with " + code,
          got, during.sent.sum(), (System.nanoTime() - resumed) / 1e9, slow.closeDetail()));
      result.notes.add(sentWhenOffline.get() < 0
          ? "the others were not told it went offline during the stalled phase"
          : "the others were told it went offline after " + sentWhenOffline.get()
              + " messages of the stalled phase (one presence grace period after the cut-off); sending stopped there");
      boolean cutOff = sentWhenOffline.get() >= 0 || code > 0 || (code < 0 && got < during.sent.sum());
      if (!cutOff) {
        result.failures.add("slow reader was never cut off (" + slow.closeDetail() + "): the stall did not overflow its queue"
            + " (raise slow.messages or lower chat.connection.max-queued-frames) or the server failed to cut it off");
      } else if (code != 1013) {
        result.warnings.add("the server cut the stalled member off, but no 1013 close frame reached it ("
            + slow.closeDetail() + "); " + (during.sent.sum() - got) + " queued messages were dropped with the connection");
      }
      result.failures.addAll(Verdict.prefix(roomId, slow));
      result.checks(load.verify(slow));
      messageFigures(result, during, 0);
      result.figure("baseline", "msgs_per_s", Result.round(before.ackRate(), 1));
      result.figure("baseline", "latency", before.delivery.summary().asMap());
      long p99Before = before.delivery.summary().p99();
      long p99During = during.delivery.summary().p99();
      if (p99Before > 0 && p99During > 2 * p99Before && p99During - p99Before > 20_000_000L) {
        result.warnings.add("the other members' delivery p99 rose from " + Latencies.Summary.ms(p99Before) + " to "
            + Latencies.Summary.ms(p99During) + " ms while one member stalled (re-run once: figures are noisy)");
      }
      result.server(start, end, resources, before.deliveries.sum() + during.deliveries.sum());
      Report.errors(ledger, result);
      return result;
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
}
