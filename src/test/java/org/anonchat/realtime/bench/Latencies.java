package org.anonchat.realtime.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles (nearest rank) from a sorted copy. Thread-safe. */
final class Latencies {

  private long[] samples = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == samples.length) samples = Arrays.copyOf(samples, size * 2);
    samples[size++] = nanos;
  }

  synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    return new Summary(size, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), size == 0 ? 0 : sorted[size - 1]);
  }

  private static long rank(long[] sorted, double percentile) {
    if (sorted.length == 0) return 0;
    int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  record Summary(int count, long p50, long p95, long p99, long max) {

    String format() {
      if (count == 0) return "no samples";
      return String.format("p50 %s  p95 %s  p99 %s  max %s ms  (n=%d)", ms(p50), ms(p95), ms(p99), ms(max), count);
    }

    static String ms(long nanos) {
      return String.format(nanos < 10_000_000 ? "%.2f" : "%.1f", nanos / 1e6);
    }
  }
}
