package org.anonchat.realtime.metrics.control;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The durations of the most recent {@code capacity} events, recorded lock-free from any thread; percentiles
 * are computed on demand (once a second) from a copy. Old entries are overwritten, so memory is fixed.
 */
public final class LatencyWindow {

  private final AtomicLongArray nanos;
  private final AtomicLong recorded = new AtomicLong();

  public LatencyWindow(int capacity) {
    this.nanos = new AtomicLongArray(capacity);
  }

  public void record(long durationNanos) {
    long i = recorded.getAndIncrement();
    nanos.set((int) (i % nanos.length()), durationNanos);
  }

  public long recorded() {
    return recorded.get();
  }

  /** Nearest-rank percentiles (0 < p <= 100) in nanoseconds; all 0 when nothing was recorded yet. */
  public long[] percentiles(double... ps) {
    int n = (int) Math.min(recorded.get(), nanos.length());
    long[] result = new long[ps.length];
    if (n == 0) return result;
    long[] copy = new long[n];
    for (int i = 0; i < n; i++) copy[i] = nanos.get(i);
    Arrays.sort(copy);
    for (int i = 0; i < ps.length; i++) {
      int rank = (int) Math.ceil(ps[i] / 100.0 * n);
      result[i] = copy[Math.max(0, Math.min(n, rank) - 1)];
    }
    return result;
  }
}
