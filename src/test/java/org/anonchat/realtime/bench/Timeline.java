package org.anonchat.realtime.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Latency samples grouped by when they arrived (fixed buckets from a start instant), for the chart. */
final class Timeline {

  record Point(double seconds, Latencies.Summary latency) {}

  private final long startNanos;
  private final long bucketNanos;
  private final Map<Long, Latencies> buckets = new ConcurrentHashMap<>();

  Timeline(long startNanos, long bucketMillis) {
    this.startNanos = startNanos;
    this.bucketNanos = Math.max(1, bucketMillis) * 1_000_000L;
  }

  void add(long atNanos, long latencyNanos) {
    long bucket = Math.max(0, (atNanos - startNanos) / bucketNanos);
    buckets.computeIfAbsent(bucket, b -> new Latencies()).add(latencyNanos);
  }

  /** One point per non-empty bucket, at the bucket's end, in time order. */
  List<Point> points() {
    List<Point> points = new ArrayList<>();
    new TreeMap<>(buckets).forEach((bucket, latencies) ->
        points.add(new Point((bucket + 1) * bucketNanos / 1e9, latencies.summary())));
    return points;
  }
}
