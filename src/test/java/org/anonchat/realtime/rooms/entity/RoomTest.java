package org.anonchat.realtime.rooms.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomTest {

  Room cut = new Room("lobby");

  @Test
  void joinIsNewOnlyForAUsersFirstConnection() {
    assertTrue(cut.join("u-ann", "c1"));
    assertFalse(cut.join("u-ann", "c2"));
    assertFalse(cut.join("u-ann", "c1"));
    assertTrue(cut.join("u-bob", "c3"));
    assertEquals(2, cut.memberCount());
    assertEquals(Set.of("u-ann", "u-bob"), cut.memberIds());
  }

  @Test
  void leaveIsTrueOnlyForTheUsersLastConnection() {
    cut.join("u-ann", "c1");
    cut.join("u-ann", "c2");
    assertFalse(cut.leave("u-ann", "c1"));
    assertTrue(cut.isMember("u-ann"));
    assertTrue(cut.leave("u-ann", "c2"));
    assertFalse(cut.isMember("u-ann"));
    assertTrue(cut.isEmpty());
  }

  @Test
  void leaveThroughAConnectionThatIsNotInTheRoomChangesNothing() {
    cut.join("u-ann", "c1");
    assertFalse(cut.leave("u-ann", "c9"));
    assertFalse(cut.leave("u-bob", "c1"));
    assertTrue(cut.isMember("u-ann"));
    assertEquals(List.of("c1"), cut.connectionIds());
  }

  @Test
  void disconnectKeepsTheMembership() {
    cut.join("u-ann", "c1");
    cut.disconnect("u-ann", "c1", 150);
    assertTrue(cut.isMember("u-ann"));
    assertEquals(List.of(), cut.connectionIds());
    assertFalse(cut.isEmpty());
    assertFalse(cut.join("u-ann", "c2"), "a reconnect that joins again is not news to the room");
  }

  @Test
  void removeDropsTheMemberWithAllConnections() {
    cut.join("u-ann", "c1");
    cut.join("u-ann", "c2");
    cut.join("u-bob", "c3");
    assertTrue(cut.remove("u-ann"));
    assertFalse(cut.remove("u-ann"));
    assertFalse(cut.isMember("u-ann"));
    assertEquals(List.of("c3"), cut.connectionIds());
  }

  @Test
  void listsTheConnectionsOfEveryMember() {
    cut.join("u-ann", "c1");
    cut.join("u-ann", "c2");
    cut.join("u-bob", "c3");
    assertEquals(Set.of("c1", "c2", "c3"), Set.copyOf(cut.connectionIds()));
    assertEquals(3, cut.connectionIds().size());
  }

  @Test
  void aMemberIsIdleFromItsLastConnectionClosingUntilOneJoinsAgain() {
    cut.join("u-ann", "c1");
    cut.join("u-ann", "c2");
    cut.join("u-bob", "c3");
    cut.disconnect("u-ann", "c1", 100);
    assertEquals(List.of(), cut.idleSince(1000), "a second connection is still there");
    cut.disconnect("u-ann", "c2", 200);
    assertEquals(List.of(), cut.idleSince(199));
    assertEquals(List.of("u-ann"), cut.idleSince(200));
    cut.join("u-ann", "c4");
    assertEquals(List.of(), cut.idleSince(1000), "joining again ends the idle time");
  }

  @Test
  void staysOpenUntilClosed() {
    assertEquals("lobby", cut.id());
    assertFalse(cut.isClosed());
    cut.close();
    assertTrue(cut.isClosed());
  }
}
