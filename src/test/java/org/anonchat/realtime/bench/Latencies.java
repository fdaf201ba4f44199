package org.anonchat.realtime.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples in nanoseconds; percentiles (nearest rank) from a sorted copy. Thread-safe. */
final class Latencies {

  private long[] samples = new long[256];
  private int size;

  synchronized void add(long nanos) {
    if (size == samples.length) samples = Arrays.copyOf(samples, size * 2);
    samples[size++] = nanos;
  }

  synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    return new Summary(size, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), size == 0 ? 0 : sorted[size - 1]);
  }

  private static long rank(long[] sorted, double percentile) {
    if (sorted.length == 0) return 0;
    int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
    return sorted[Math.max(0, index)];
  }

  record Summary(int count, long p50, long p90, long p99, long max) {

    String format() {
      if (count == 0) return "no samples";
      return String.format("p50 %s  p90 %s  p99 %s  max %s ms  (n=%d)", ms(p50), ms(p90), ms(p99), ms(max), count);
    }

    /** For the JSON report: milliseconds with microsecond precision. */
    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", count);
      m.put("p50_ms", millis(p50));
      m.put("p90_ms", millis(p90));
      m.put("p99_ms", millis(p99));
      m.put("max_ms", millis(max));
      return m;
    }

    static double millis(long nanos) {
      return Math.round(nanos / 1e3) / 1e3;
    }

    static String ms(long nanos) {
      return String.format(nanos < 10_000_000 ? "%.2f" : "%.1f", nanos / 1e6);
    }
  }
}
