package org.anonchat.realtime.presence.control;

import static org.anonchat.realtime.presence.entity.PresenceStatus.AWAY;
import static org.anonchat.realtime.presence.entity.PresenceStatus.OFFLINE;
import static org.anonchat.realtime.presence.entity.PresenceStatus.ONLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.anonchat.realtime.presence.entity.PresenceChanged;
import org.anonchat.realtime.presence.entity.PresenceStatus;
import org.junit.jupiter.api.Test;

class PresenceTrackerTest {

  static final long GRACE = 5_000;

  PresenceTracker cut = new PresenceTracker(GRACE);

  static Optional<PresenceChanged> change(String userId, String displayName, PresenceStatus status, long at) {
    return Optional.of(new PresenceChanged(userId, displayName, null, status, at));
  }

  PresenceStatus shown(String userId) {
    return cut.presenceOf(userId).orElseThrow().status();
  }

  @Test
  void firstConnectionGoesOnline() {
    assertEquals(change("u-ann", "Ann", ONLINE, 100), cut.connect("u-ann", "Ann", "c1", 100));
  }

  @Test
  void aSecondTabChangesNothing() {
    cut.connect("u-ann", "Ann", "c1", 100);
    assertEquals(Optional.empty(), cut.connect("u-ann", "Ann", "c2", 200));
    cut.disconnect("u-ann", "c1", 300);
    assertEquals(List.of(), cut.expire(300 + GRACE), "the other tab keeps the user online");
    assertEquals(ONLINE, shown("u-ann"));
  }

  @Test
  void closingTheLastTabChangesNothingDuringTheGrace() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.disconnect("u-ann", "c1", 1_000);
    assertEquals(List.of(), cut.expire(1_000 + GRACE - 1));
    assertEquals(ONLINE, shown("u-ann"));
  }

  @Test
  void goesOfflineWhenTheGraceEnds() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.disconnect("u-ann", "c1", 1_000);
    assertEquals(List.of(change("u-ann", "Ann", OFFLINE, 1_000 + GRACE).orElseThrow()), cut.expire(1_000 + GRACE));
    assertEquals(Optional.empty(), cut.presenceOf("u-ann"));
    assertEquals(List.of(), cut.expire(1_000 + GRACE), "offline is reported once");
  }

  @Test
  void aReconnectInsideTheGraceShowsNothing() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.disconnect("u-ann", "c1", 1_000);
    assertEquals(Optional.empty(), cut.connect("u-ann", "Ann", "c2", 1_000 + GRACE - 1));
    assertEquals(List.of(), cut.expire(1_000 + GRACE));
    assertEquals(List.of(), cut.expire(1_000 + 10 * GRACE));
    assertEquals(ONLINE, shown("u-ann"));
  }

  @Test
  void comesBackOnlineAfterGoingOffline() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.disconnect("u-ann", "c1", 1_000);
    cut.expire(1_000 + GRACE);
    assertEquals(change("u-ann", "Ann", ONLINE, 9_000), cut.connect("u-ann", "Ann", "c2", 9_000));
  }

  @Test
  void awayOnlyWhenEveryConnectionIsAway() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.connect("u-ann", "Ann", "c2", 100);
    assertEquals(Optional.empty(), cut.setStatus("u-ann", "c1", AWAY, 200));
    assertEquals(ONLINE, shown("u-ann"));
    assertEquals(change("u-ann", "Ann", AWAY, 300), cut.setStatus("u-ann", "c2", AWAY, 300));
    assertEquals(Optional.empty(), cut.setStatus("u-ann", "c2", AWAY, 400));
  }

  @Test
  void setBackOnlineFromAway() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.setStatus("u-ann", "c1", AWAY, 200);
    assertEquals(change("u-ann", "Ann", ONLINE, 300), cut.setStatus("u-ann", "c1", ONLINE, 300));
  }

  @Test
  void aNewTabBringsAnAwayUserOnline() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.setStatus("u-ann", "c1", AWAY, 200);
    assertEquals(change("u-ann", "Ann", ONLINE, 300), cut.connect("u-ann", "Ann", "c2", 300));
  }

  /** Online while any connection is online, away while every connection is away (the class contract). */
  @Test
  void closingTheOnlyOnlineTabLeavesTheUserAway() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.connect("u-ann", "Ann", "c2", 100);
    cut.setStatus("u-ann", "c2", AWAY, 200);
    cut.disconnect("u-ann", "c1", 300);
    assertEquals(AWAY, shown("u-ann"));
  }

  @Test
  void ignoresStatusOfAnUnknownConnection() {
    assertEquals(Optional.empty(), cut.setStatus("u-nobody", "c1", AWAY, 100));
    cut.connect("u-ann", "Ann", "c1", 100);
    assertEquals(Optional.empty(), cut.setStatus("u-ann", "c9", AWAY, 200));
    cut.disconnect("u-ann", "c1", 300);
    assertEquals(Optional.empty(), cut.setStatus("u-ann", "c1", AWAY, 400), "a closed connection has no say");
    assertEquals(ONLINE, shown("u-ann"));
  }

  @Test
  void ignoresDisconnectOfAnUnknownConnection() {
    cut.disconnect("u-nobody", "c1", 100);
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.disconnect("u-ann", "c9", 200);
    assertEquals(List.of(), cut.expire(200 + GRACE));
  }

  @Test
  void snapshotListsKnownUsersWithTheirStatus() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.connect("u-bob", "Bob", "c2", 200);
    cut.setStatus("u-bob", "c2", AWAY, 300);
    List<PresenceChanged> snapshot = cut.presenceOf(List.of("u-ann", "u-nobody", "u-bob"));
    assertEquals(List.of(change("u-ann", "Ann", ONLINE, 100).orElseThrow(), change("u-bob", "Bob", AWAY, 300).orElseThrow()),
        snapshot);
    assertTrue(cut.presenceOf(List.of()).isEmpty());
  }

  @Test
  void aNewConnectionUpdatesTheDisplayName() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.connect("u-ann", "Annie", "c2", 200);
    assertEquals("Annie", cut.presenceOf("u-ann").orElseThrow().displayName());
  }

  @Test
  void aNewDisplayNameIsAnnouncedWithTheUnchangedStatus() {
    cut.connect("u-ann", "Ann", "c1", 100);
    cut.setStatus("u-ann", "c1", PresenceStatus.AWAY, 200);
    PresenceChanged renamed = cut.rename("u-ann", "Annie").orElseThrow();
    assertEquals("Annie", renamed.displayName());
    assertEquals(PresenceStatus.AWAY, renamed.status());
    assertTrue(cut.rename("u-ann", "Annie").isEmpty(), "same name, nothing to say");
    assertTrue(cut.rename("u-nobody", "X").isEmpty());
  }
}
