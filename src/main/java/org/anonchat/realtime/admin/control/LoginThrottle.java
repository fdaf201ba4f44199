package org.anonchat.realtime.admin.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits failed admin logins per client address: after {@code chat.admin.login.max-failures} failures within
 * {@code chat.admin.login.window}, every attempt from that address is refused (even a correct one) until the
 * oldest failure leaves the window. Refused attempts are not checked, so they cost no PBKDF2 run either.
 */
@ApplicationScoped
public class LoginThrottle {

  /** Addresses tracked at most; beyond it the oldest entries are forgotten (bounded memory under a flood). */
  static final int MAX_ADDRESSES = 10_000;

  @Inject
  @ConfigProperty(name = "chat.admin.login.max-failures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "chat.admin.login.window", defaultValue = "PT15M")
  Duration window;

  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  /** Zero if the address may try now, else how long until it may (rounded up to whole seconds). */
  public Duration retryAfter(String address, long nowMillis) {
    Deque<Long> times = failures.get(address);
    if (times == null) return Duration.ZERO;
    synchronized (times) {
      prune(times, nowMillis);
      if (times.size() < maxFailures) return Duration.ZERO;
      long waitMillis = times.peekFirst() + window.toMillis() - nowMillis;
      return Duration.ofSeconds(Math.max(1, (waitMillis + 999) / 1000));
    }
  }

  public void failed(String address, long nowMillis) {
    if (failures.size() >= MAX_ADDRESSES) failures.clear();
    Deque<Long> times = failures.computeIfAbsent(address, k -> new ArrayDeque<>());
    synchronized (times) {
      prune(times, nowMillis);
      times.addLast(nowMillis);
      while (times.size() > maxFailures) times.removeFirst();
    }
  }

  public void succeeded(String address) {
    failures.remove(address);
  }

  private void prune(Deque<Long> times, long nowMillis) {
    while (!times.isEmpty() && times.peekFirst() <= nowMillis - window.toMillis()) times.removeFirst();
  }
}
