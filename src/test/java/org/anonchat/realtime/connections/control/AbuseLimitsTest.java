package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The per-address connection count, which the ITs cannot reach (all their clients share 127.0.0.1), and the
 * per-user message bucket.
 */
class AbuseLimitsTest {

  private final AbuseLimits cut = new AbuseLimits();

  @Test
  void anAddressIsAdmittedUpToItsCapAndAgainOnceOneCloses() {
    cut.maxPerAddress = 3;
    for (int i = 0; i < 3; i++) assertTrue(cut.admitAddress("203.0.113.7"));
    assertFalse(cut.admitAddress("203.0.113.7"));
    assertTrue(cut.admitAddress("198.51.100.1"), "other addresses have their own count");
    cut.releaseAddress("203.0.113.7");
    assertTrue(cut.admitAddress("203.0.113.7"));
    assertFalse(cut.admitAddress("203.0.113.7"));
  }

  @Test
  void releasingEveryConnectionForgetsTheAddress() {
    cut.maxPerAddress = 2;
    cut.admitAddress("203.0.113.7");
    cut.admitAddress("203.0.113.7");
    cut.releaseAddress("203.0.113.7");
    cut.releaseAddress("203.0.113.7");
    cut.releaseAddress("203.0.113.7"); // an extra release must not make room for more than the cap
    assertTrue(cut.admitAddress("203.0.113.7"));
    assertTrue(cut.admitAddress("203.0.113.7"));
    assertFalse(cut.admitAddress("203.0.113.7"));
  }

  @Test
  void zeroOrAnUnknownAddressMeansNoCap() {
    cut.maxPerAddress = 0;
    for (int i = 0; i < 1000; i++) assertTrue(cut.admitAddress("203.0.113.7"));
    cut.maxPerAddress = 1;
    assertTrue(cut.admitAddress(null));
    assertTrue(cut.admitAddress(null));
  }

  @Test
  void theUserBucketIsSharedAndSurvivesTheSweepWhileNotFull() {
    cut.userMessagesPerSecond = 1;
    cut.userMessageBurst = 2;
    cut.messagesPerSecond = 100;
    cut.messageBurst = 100;
    cut.framesPerSecond = 100;
    cut.frameBurst = 100;
    cut.typingPerSecond = 1;
    cut.typingBurst = 1;
    cut.receiptsPerSecond = 1;
    cut.receiptBurst = 1;
    cut.violationsForgiven = 1;
    cut.maxViolations = 1;
    Connection c = new Connection("c1", null, null, Runnable::run, 10, cut.newConnection(), null);
    cut.message(c, "u-1", "slow down");
    cut.message(c, "u-1", "slow down");
    Connection otherTab = new Connection("c2", null, null, Runnable::run, 10, cut.newConnection(), null);
    ProtocolException refused = assertThrows(ProtocolException.class, () -> cut.message(otherTab, "u-1", "slow down"));
    assertEquals(ErrorCode.RATE_LIMITED, refused.code());
    assertTrue(refused.getMessage().contains("all of this user's connections"), refused.getMessage());
    cut.forgetFullBuckets();
    assertThrowsRateLimited(() -> cut.message(c, "u-1", "slow down")); // the used bucket was kept
  }

  private static void assertThrowsRateLimited(Executable e) {
    assertEquals(ErrorCode.RATE_LIMITED, assertThrows(ProtocolException.class, e).code());
  }
}
