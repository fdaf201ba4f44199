package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Time is simulated in nanoseconds from an arbitrary start, as System.nanoTime() would give it. */
class RateLimitTest {

  static final long START = 123_456_789_000L;
  static final long MS = 1_000_000L;

  RateLimit cut = new RateLimit(2, 3, START);

  @Test
  void allowsABurstThenRefuses() {
    assertTrue(cut.tryAcquire(START));
    assertTrue(cut.tryAcquire(START));
    assertTrue(cut.tryAcquire(START));
    assertFalse(cut.tryAcquire(START));
  }

  @Test
  void refillsOneActionPerInterval() {
    drain();
    assertFalse(cut.tryAcquire(START + 499 * MS));
    assertTrue(cut.tryAcquire(START + 500 * MS));
    assertFalse(cut.tryAcquire(START + 500 * MS));
    assertTrue(cut.tryAcquire(START + 1_000 * MS));
  }

  /** The bucket counts in doubles: nine partial refills add up to 1 token a nanosecond late, hence the 1 ms slack. */
  @Test
  void refusedAttemptsDoNotDelayTheRefill() {
    drain();
    for (long t = 50; t < 500; t += 50) assertFalse(cut.tryAcquire(START + t * MS));
    assertTrue(cut.tryAcquire(START + 501 * MS));
  }

  @Test
  void neverSavesUpMoreThanTheBurst() {
    long hourLater = START + 3_600_000 * MS;
    for (int i = 0; i < 3; i++) assertTrue(cut.tryAcquire(hourLater));
    assertFalse(cut.tryAcquire(hourLater));
  }

  private void drain() {
    while (cut.tryAcquire(START)) {
      // empty the bucket
    }
  }
}
