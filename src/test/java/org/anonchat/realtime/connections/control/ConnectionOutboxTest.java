package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The outbox: writes happen on the flusher, one in flight, each carrying what queued meanwhile, in order;
 * slow peers are cut off; a failure drops the queue.
 */
class ConnectionOutboxTest {

  /** The flusher threads, run by hand: tasks wait until the test runs them. */
  static final class Flusher implements Executor {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      for (Runnable t; (t = tasks.poll()) != null; ) t.run();
    }
  }

  /** A socket whose writes complete only when the test says so, like a peer that reads slowly. */
  static final class HeldWriter implements FrameWriter {
    final int maxFrames;
    final List<List<String>> writes = new ArrayList<>();
    final List<Consumer<Throwable>> pending = new ArrayList<>();

    HeldWriter(int maxFrames) {
      this.maxFrames = maxFrames;
    }

    @Override
    public int maxFrames() {
      return maxFrames;
    }

    @Override
    public void write(List<OutboundFrame> frames, Consumer<Throwable> done) {
      writes.add(frames.stream().map(OutboundFrame::text).toList());
      pending.add(done);
    }

    void completeNext(Throwable failure) {
      pending.remove(0).accept(failure);
    }
  }

  private final Flusher flusher = new Flusher();

  @Test
  void nothingIsWrittenOnTheSendersThread() {
    HeldWriter writer = new HeldWriter(64);
    Connection c = opened(new Connection("c", null, writer, flusher, 100, null, null));
    c.send("1");
    assertEquals(List.of(), writer.writes, "the sender only queues");
    flusher.runAll();
    assertEquals(List.of(List.of("1")), writer.writes);
  }

  @Test
  void framesQueuedDuringAWriteGoOutTogetherInOrder() {
    HeldWriter writer = new HeldWriter(64);
    Connection c = opened(new Connection("c", null, writer, flusher, 100, null, null));
    c.send("1");
    flusher.runAll();
    for (int i = 2; i <= 5; i++) c.send(String.valueOf(i));
    flusher.runAll();
    assertEquals(List.of(List.of("1")), writer.writes, "one write in flight; the rest wait");
    writer.completeNext(null);
    flusher.runAll();
    assertEquals(List.of("2", "3", "4", "5"), writer.writes.get(1), "everything queued meanwhile, in one write");
    writer.completeNext(null);
    flusher.runAll();
    assertTrue(c.drained());
  }

  @Test
  void framesQueuedBeforeTheFlusherRunsShareItsFirstWrite() {
    List<List<String>> written = new ArrayList<>();
    FrameWriter immediate = new FrameWriter() {
      @Override
      public int maxFrames() {
        return 64;
      }

      @Override
      public void write(List<OutboundFrame> frames, Consumer<Throwable> done) {
        written.add(frames.stream().map(OutboundFrame::text).toList());
        done.accept(null);
      }
    };
    Connection c = opened(new Connection("c", null, immediate, flusher, 100, null, null));
    for (int i = 1; i <= 3; i++) c.send(String.valueOf(i));
    assertEquals(1, flusher.tasks.size(), "the connection is in line once, however many frames it has");
    flusher.runAll();
    assertEquals(List.of(List.of("1", "2", "3")), written);
    assertTrue(c.drained());
  }

  @Test
  void aWriterTakingOneFrameGetsThemOneByOne() {
    HeldWriter writer = new HeldWriter(1);
    Connection c = opened(new Connection("c", null, writer, flusher, 100, null, null));
    c.send("1");
    c.send("2");
    c.send("3");
    for (int i = 0; i < 3; i++) {
      flusher.runAll();
      writer.completeNext(null);
    }
    assertEquals(List.of(List.of("1"), List.of("2"), List.of("3")), writer.writes);
  }

  @Test
  void aBatchIsCappedAtTheWritersLimit() {
    HeldWriter writer = new HeldWriter(3);
    Connection c = opened(new Connection("c", null, writer, flusher, 100, null, null));
    for (int i = 1; i <= 7; i++) c.send(String.valueOf(i));
    for (int i = 0; i < 3; i++) {
      flusher.runAll();
      writer.completeNext(null);
    }
    assertEquals(List.of(List.of("1", "2", "3"), List.of("4", "5", "6"), List.of("7")), writer.writes);
  }

  @Test
  void aPeerThatFallsTooFarBehindIsCutOffAndLaterFramesAreRefused() {
    HeldWriter writer = new HeldWriter(64);
    Connection c = opened(new Connection("c", null, writer, flusher, 3, null, null));
    assertTrue(c.send("in flight"));
    flusher.runAll();
    assertTrue(c.send("1"));
    assertTrue(c.send("2"));
    assertTrue(c.send("3"));
    assertFalse(c.send("4"), "the fourth queued frame is over the limit");
    assertFalse(c.send("5"), "closing: nothing more is taken");
  }

  @Test
  void aFailedWriteDropsTheQueueAndClosesTheConnection() {
    HeldWriter writer = new HeldWriter(64);
    Connection c = opened(new Connection("c", null, writer, flusher, 100, null, null));
    c.send("1");
    flusher.runAll();
    c.send("2");
    writer.completeNext(new IOException("broken pipe"));
    flusher.runAll();
    assertTrue(c.drained(), "nothing left queued after the failure");
    assertFalse(c.send("3"), "a failed connection takes no more frames");
    assertEquals(1, writer.writes.size());
  }

  @Test
  void aCommitsFramesGoOutInOneWriteOrNotAtAll() {
    HeldWriter writer = new HeldWriter(64);
    Connection c = opened(new Connection("c", null, writer, flusher, 5, null, null));
    List<OutboundFrame> three = List.of(OutboundFrame.of("a"), OutboundFrame.of("b"), OutboundFrame.of("c"));
    assertTrue(c.sendAll(three));
    flusher.runAll();
    assertEquals(List.of(List.of("a", "b", "c")), writer.writes, "one write for the whole list");
    assertTrue(c.sendAll(three), "3 queued behind the write in flight: within the limit of 5");
    assertFalse(c.sendAll(three), "6 queued would pass the limit: none is taken and the peer is cut off");
  }

  /** A session that only records close frames; everything else is not needed by the outbox. */
  private static Session recordingSession(List<String> events) {
    Map<String, Object> userProperties = new HashMap<>();
    return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class}, (proxy, method, args) -> {
      switch (method.getName()) {
        case "close" -> events.add("close " + ((CloseReason) args[0]).getCloseCode().getCode());
        case "getUserProperties" -> { return userProperties; }
        case "isOpen" -> { return !events.stream().anyMatch(e -> e.startsWith("close")); }
        case "hashCode" -> { return System.identityHashCode(proxy); }
        case "equals" -> { return proxy == args[0]; }
        default -> { }
      }
      return null;
    });
  }

  private static FrameWriter recordingWriter(List<String> events) {
    return new FrameWriter() {
      @Override
      public int maxFrames() {
        return 64;
      }

      @Override
      public void write(List<OutboundFrame> frames, Consumer<Throwable> done) {
        events.add("write " + frames.stream().map(OutboundFrame::text).toList());
        done.accept(null);
      }
    };
  }

  @Test
  void aCloseFollowsTheFramesQueuedBeforeItAndNothingFollowsTheClose() {
    List<String> events = new ArrayList<>();
    Connection c = opened(new Connection("c", recordingSession(events), recordingWriter(events), flusher, 100, null, null));
    c.send("error: banned");
    c.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4003), "banned"));
    assertFalse(c.send("after the close"), "nothing is taken once closing");
    flusher.runAll();
    assertEquals(List.of("write [error: banned]", "close 4003"), events);
    assertTrue(c.drained());
  }

  @Test
  void aCloseWithNothingQueuedClosesAtOnce() {
    List<String> events = new ArrayList<>();
    Connection c = opened(new Connection("c", recordingSession(events), recordingWriter(events), flusher, 100, null, null));
    c.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many refused frames"));
    assertEquals(List.of("close 1008"), events);
  }

  @Test
  void closeNowDropsWhatIsQueued() {
    List<String> events = new ArrayList<>();
    Connection c = opened(new Connection("c", recordingSession(events), recordingWriter(events), flusher, 100, null, null));
    c.send("never read");
    c.closeNow(Connection.SLOW_CONSUMER);
    flusher.runAll();
    assertEquals(List.of("close 1013"), events);
    assertTrue(c.drained());
  }

  private static Connection opened(Connection c) {
    c.opened();
    return c;
  }

  @Test
  void nothingIsWrittenBeforeTheOpenCallbackEndsAndThenOnItsThread() {
    List<String> events = new ArrayList<>();
    Connection c = new Connection("c", recordingSession(events), recordingWriter(events), flusher, 100, null, null);
    c.send("connection_established");
    c.send("from another thread");
    assertEquals(List.of(), events, "not yet opened: only queued");
    assertEquals(0, flusher.tasks.size(), "and not handed to a flusher either");
    c.opened();
    assertEquals(List.of("write [connection_established, from another thread]"), events, "written by opened() itself");
    c.send("later");
    flusher.runAll();
    assertEquals("write [later]", events.get(1));
  }
}
