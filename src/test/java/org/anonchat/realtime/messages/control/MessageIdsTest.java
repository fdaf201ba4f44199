package org.anonchat.realtime.messages.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

  private static final long NOW = 1_780_000_000_000L; // 2026-05-28, a fixed clock

  @Test
  void anIdIsAVersion7UuidCarryingTheMillisecondItWasMadeIn() {
    String id = new MessageIds(() -> NOW).next();

    UUID uuid = UUID.fromString(id);
    assertEquals(36, id.length());
    assertEquals(7, uuid.version());
    assertEquals(2, uuid.variant(), "the RFC 9562 variant");
    assertEquals(NOW, uuid.getMostSignificantBits() >>> 16, "the first 48 bits are the Unix milliseconds");
  }

  @Test
  void idsIncreaseAsStringsEvenWhenManyAreMadeInOneMillisecond() {
    MessageIds ids = new MessageIds(() -> NOW); // the clock never moves: the 12-bit counter must carry over
    String previous = ids.next();
    for (int i = 0; i < 20_000; i++) {
      String next = ids.next();
      assertTrue(next.compareTo(previous) > 0, next + " after " + previous);
      previous = next;
    }
    long millis = UUID.fromString(previous).getMostSignificantBits() >>> 16;
    assertTrue(millis > NOW && millis <= NOW + 5, "20,001 ids in one millisecond run ahead by ~5 ms: " + (millis - NOW));
  }

  @Test
  void aClockThatStepsBackDoesNotMakeAnIdSmallerThanTheLast() {
    long[] clock = {NOW};
    MessageIds ids = new MessageIds(() -> clock[0]);
    String before = ids.next();
    clock[0] = NOW - 60_000; // NTP stepped the clock back a minute

    String after = ids.next();

    assertTrue(after.compareTo(before) > 0, after + " after " + before);
  }

  @Test
  void idsFromConcurrentThreadsAreAllDistinct() throws Exception {
    MessageIds ids = new MessageIds();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> made = new ArrayList<>();
      Callable<List<String>> task = () -> {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) mine.add(ids.next());
        return mine;
      };
      for (int t = 0; t < 4; t++) made.add(threads.submit(task));
      Set<String> all = new HashSet<>();
      for (Future<List<String>> f : made) all.addAll(f.get(30, TimeUnit.SECONDS));
      assertEquals(100_000, all.size());
    } finally {
      threads.shutdownNow();
    }
  }
}
