package org.anonchat.realtime.connections.control;

/**
 * A token bucket: {@code burst} actions at once, refilled at {@code perSecond}. Thread-safe; the clock is
 * passed in so it is unit tested. {@link AbuseLimits} holds one per connection and kind of action.
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

  /** True once the bucket has refilled completely: it then behaves exactly like a new one. */
  public synchronized boolean isFull(long nowNanos) {
    return tokens + (nowNanos - lastNanos) * perNano >= burst;
  }

  public synchronized boolean tryAcquire(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
