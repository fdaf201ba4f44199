package org.anonchat.realtime.typing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.anonchat.realtime.typing.entity.Typist;
import org.junit.jupiter.api.Test;

class TypingTrackerTest {

  static final long TIMEOUT = 6_000;
  static final Typist ANN_IN_LOBBY = new Typist("lobby", "u-ann");
  static final Typist ANN_IN_DEV = new Typist("dev", "u-ann");
  static final Typist BOB_IN_LOBBY = new Typist("lobby", "u-bob");

  TypingTracker cut = new TypingTracker(TIMEOUT);

  @Test
  void startIsTrueOnlyWhenTypingBegins() {
    assertTrue(cut.start(ANN_IN_LOBBY, 0));
    assertFalse(cut.start(ANN_IN_LOBBY, 1_000));
    assertTrue(cut.start(ANN_IN_DEV, 1_000));
    assertTrue(cut.isTyping(ANN_IN_LOBBY));
  }

  @Test
  void expiresExactlyAtTheTimeout() {
    cut.start(ANN_IN_LOBBY, 1_000);
    assertEquals(List.of(), cut.expire(1_000 + TIMEOUT - 1));
    assertEquals(List.of(ANN_IN_LOBBY), cut.expire(1_000 + TIMEOUT));
    assertFalse(cut.isTyping(ANN_IN_LOBBY));
    assertEquals(List.of(), cut.expire(1_000 + TIMEOUT), "an expiry is reported once");
  }

  @Test
  void aNewSignalExtendsTheExpiry() {
    cut.start(ANN_IN_LOBBY, 0);
    cut.start(ANN_IN_LOBBY, 5_000);
    assertEquals(List.of(), cut.expire(TIMEOUT));
    assertEquals(List.of(), cut.expire(5_000 + TIMEOUT - 1));
    assertEquals(List.of(ANN_IN_LOBBY), cut.expire(5_000 + TIMEOUT));
  }

  @Test
  void expireReturnsOnlyTheOverdue() {
    cut.start(ANN_IN_LOBBY, 0);
    cut.start(BOB_IN_LOBBY, 2_000);
    assertEquals(List.of(ANN_IN_LOBBY), cut.expire(TIMEOUT + 1_000));
    assertTrue(cut.isTyping(BOB_IN_LOBBY));
  }

  @Test
  void startsAgainAfterExpiry() {
    cut.start(ANN_IN_LOBBY, 0);
    cut.expire(TIMEOUT);
    assertTrue(cut.start(ANN_IN_LOBBY, TIMEOUT + 1));
  }

  @Test
  void stopIsTrueOnlyWhenTyping() {
    cut.start(ANN_IN_LOBBY, 0);
    assertTrue(cut.stop(ANN_IN_LOBBY));
    assertFalse(cut.stop(ANN_IN_LOBBY));
    assertFalse(cut.stop(BOB_IN_LOBBY));
    assertEquals(List.of(), cut.expire(TIMEOUT), "a stopped typist does not expire later");
  }

  @Test
  void stopUserStopsEveryRoomOfThatUserOnly() {
    cut.start(ANN_IN_LOBBY, 0);
    cut.start(ANN_IN_DEV, 0);
    cut.start(BOB_IN_LOBBY, 0);
    assertEquals(Set.of(ANN_IN_LOBBY, ANN_IN_DEV), Set.copyOf(cut.stopUser("u-ann")));
    assertEquals(List.of(), cut.stopUser("u-ann"));
    assertTrue(cut.isTyping(BOB_IN_LOBBY));
    assertEquals(List.of(BOB_IN_LOBBY), cut.expire(TIMEOUT));
  }
}
