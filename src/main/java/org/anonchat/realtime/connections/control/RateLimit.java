package org.anonchat.realtime.connections.control;

/**
 * A token bucket: {@code burst} actions at once, refilled at {@code perSecond}. Per connection, for the
 * actions that write (send, edit, delete). Thread-safe; the clock is passed in so it is unit tested.
 */
public final class RateLimit {

  private final double perNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  public RateLimit(double perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  public synchronized boolean tryAcquire(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
