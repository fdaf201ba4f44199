package org.anonchat.realtime.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final LoginThrottle cut = throttle(3, Duration.ofSeconds(60));

  @Test
  void refusesAfterTheMaximumOfFailuresUntilTheOldestLeavesTheWindow() {
    cut.failed("10.0.0.1", 0);
    cut.failed("10.0.0.1", 10_000);
    assertEquals(Duration.ZERO, cut.retryAfter("10.0.0.1", 10_000), "two failures still allowed");
    cut.failed("10.0.0.1", 20_000);
    assertEquals(Duration.ofSeconds(40), cut.retryAfter("10.0.0.1", 20_000), "until the first failure is 60 s old");
    assertEquals(Duration.ZERO, cut.retryAfter("10.0.0.1", 60_000), "the first failure left the window");
  }

  @Test
  void otherAddressesAreNotAffected() {
    for (int i = 0; i < 3; i++) cut.failed("10.0.0.1", i);
    assertEquals(Duration.ZERO, cut.retryAfter("10.0.0.2", 3));
  }

  @Test
  void aSuccessClearsTheAddress() {
    cut.failed("10.0.0.1", 0);
    cut.failed("10.0.0.1", 1);
    cut.succeeded("10.0.0.1");
    cut.failed("10.0.0.1", 2);
    cut.failed("10.0.0.1", 3);
    assertEquals(Duration.ZERO, cut.retryAfter("10.0.0.1", 3));
  }

  private static LoginThrottle throttle(int maxFailures, Duration window) {
    LoginThrottle t = new LoginThrottle();
    t.maxFailures = maxFailures;
    t.window = window;
    return t;
  }
}
