package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.anonchat.realtime.connections.entity.ClientCommand;
import org.anonchat.realtime.connections.entity.ClientCommand.Auth;
import org.anonchat.realtime.connections.entity.ClientCommand.DeleteMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.EditMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.History;
import org.anonchat.realtime.connections.entity.ClientCommand.JoinRoom;
import org.anonchat.realtime.connections.entity.ClientCommand.LeaveRoom;
import org.anonchat.realtime.connections.entity.ClientCommand.MarkRead;
import org.anonchat.realtime.connections.entity.ClientCommand.MessageDelivered;
import org.anonchat.realtime.connections.entity.ClientCommand.MessageRead;
import org.anonchat.realtime.connections.entity.ClientCommand.Pong;
import org.anonchat.realtime.connections.entity.ClientCommand.RequestPresenceSnapshot;
import org.anonchat.realtime.connections.entity.ClientCommand.SendMessage;
import org.anonchat.realtime.connections.entity.ClientCommand.SetPresence;
import org.anonchat.realtime.connections.entity.ClientCommand.StopTyping;
import org.anonchat.realtime.connections.entity.ClientCommand.Typing;
import org.anonchat.realtime.connections.entity.ClientCommand.WalletEvent;
import org.anonchat.realtime.presence.entity.PresenceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Client frames the codec accepts. Frames are written with ' for " to stay readable. */
class WireDecodeTest {

  /** One valid frame per client type, and the record it must become. */
  static final Map<String, Class<? extends ClientCommand>> RECORDS = Map.ofEntries(
      Map.entry("{'type':'auth','payload':{'displayName':'Ann'}}", Auth.class),
      Map.entry("{'type':'request_challenge'}", ClientCommand.RequestChallenge.class),
      Map.entry("{'type':'create_room','payload':{'roomId':'team-1'}}", ClientCommand.CreateRoom.class),
      Map.entry("{'type':'invite','payload':{'roomId':'team-1','userId':'u-1'}}", ClientCommand.Invite.class),
      Map.entry("{'type':'create_invite','payload':{'roomId':'team-1'}}", ClientCommand.CreateInvite.class),
      Map.entry("{'type':'join_room','payload':{'roomId':'lobby'}}", JoinRoom.class),
      Map.entry("{'type':'room_join','payload':{'roomId':'lobby'}}", JoinRoom.class),
      Map.entry("{'type':'leave_room','payload':{'roomId':'lobby'}}", LeaveRoom.class),
      Map.entry("{'type':'send_message','payload':{'roomId':'lobby','content':'hi'}}", SendMessage.class),
      Map.entry("{'type':'message_delivered','payload':{'roomId':'lobby','messageId':'m1'}}", MessageDelivered.class),
      Map.entry("{'type':'message_read','payload':{'roomId':'lobby','messageId':'m1'}}", MessageRead.class),
      Map.entry("{'type':'mark_read','payload':{'roomId':'lobby','messageIds':['m1']}}", MarkRead.class),
      Map.entry("{'type':'edit_message','payload':{'roomId':'lobby','messageId':'m1','content':'x'}}", EditMessage.class),
      Map.entry("{'type':'delete_message','payload':{'roomId':'lobby','messageId':'m1'}}", DeleteMessage.class),
      Map.entry("{'type':'typing','payload':{'roomId':'lobby'}}", Typing.class),
      Map.entry("{'type':'stop_typing','payload':{'roomId':'lobby'}}", StopTyping.class),
      Map.entry("{'type':'wallet_event','payload':{'action':'connect','walletAddress':'GABC'}}", WalletEvent.class),
      Map.entry("{'type':'request_presence_snapshot','payload':{}}", RequestPresenceSnapshot.class),
      Map.entry("{'type':'set_presence','payload':{'status':'away'}}", SetPresence.class),
      Map.entry("{'type':'history','payload':{'roomId':'lobby'}}", History.class),
      Map.entry("{'type':'pong'}", Pong.class));

  static ClientCommand decode(String singleQuoted) {
    return Wire.decode(singleQuoted.replace('\'', '"'));
  }

  static Stream<Arguments> samples() {
    return RECORDS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void decodesEveryClientTypeToItsRecord(String frame, Class<? extends ClientCommand> record) {
    assertInstanceOf(record, decode(frame));
  }

  @Test
  void hasASampleForEveryClientType() {
    List<String> sampled = RECORDS.keySet().stream()
        .map(f -> Wire.parseObject(f.replace('\'', '"')).getString("type")).sorted().toList();
    assertEquals(ClientCommand.TYPES.stream().sorted().toList(), sampled);
  }

  @Test
  void decodesAuthWithAllFields() {
    Auth auth = (Auth) decode("{'type':'auth','payload':{'displayName':'Ann','avatarUrl':'https://a/x.png','token':'t1'}}");
    assertEquals(new Auth(null, "Ann", "https://a/x.png", "t1", null, null), auth);
  }

  @Test
  void decodesAuthWithoutOptionalFieldsAndIgnoresAClaimedUserId() {
    Auth auth = (Auth) decode(
        "{'type':'auth','payload':{'userId':'u-alice','walletAddress':'GABC','displayName':'Ann','avatarUrl':null}}");
    assertEquals(new Auth(null, "Ann", null, null, null, null), auth);
  }

  @Test
  void decodesAWalletProofInAuth() {
    Auth auth = (Auth) decode("{'type':'auth','payload':{'displayName':'Ann','walletAddress':'GABC','signature':'c2ln'}}");
    assertEquals(new Auth(null, "Ann", null, null, "GABC", "c2ln"), auth);
    assertTrue(auth.provesWallet());
  }

  @Test
  void decodesJoinRoomWithAnInviteCode() {
    assertEquals(new JoinRoom(null, "team-1", "k3y", null), decode("{'type':'join_room','payload':{'roomId':'team-1','inviteCode':'k3y'}}"));
  }

  @Test
  void decodesCreateRoomWithAllFields() {
    assertEquals(new ClientCommand.CreateRoom("r1", "team-1", "Team", true),
        decode("{'type':'create_room','ref':'r1','payload':{'roomId':'team-1','name':'Team','private':true}}"));
  }

  @Test
  void decodesAnInviteByWallet() {
    assertEquals(new ClientCommand.Invite(null, "team-1", null, "GABC"),
        decode("{'type':'invite','payload':{'roomId':'team-1','walletAddress':'GABC'}}"));
  }

  @Test
  void decodesJoinRoom() {
    assertEquals(new JoinRoom(null, "lobby", null, null), decode("{'type':'join_room','payload':{'roomId':'lobby'}}"));
  }

  @Test
  void decodesJoinRoomWithSinceSeq() {
    assertEquals(new JoinRoom(null, "lobby", null, 41L), decode("{'type':'join_room','payload':{'roomId':'lobby','sinceSeq':41}}"));
  }

  @Test
  void refusesANegativeSinceSeq() {
    WireRejectionTest.assertInvalidPayloadNaming("sinceSeq", "{'type':'join_room','payload':{'roomId':'lobby','sinceSeq':-1}}");
  }

  @Test
  void acceptsTheOriginalsIdempotencyKeyAsClientMessageId() {
    assertEquals(new SendMessage(null, "lobby", "hi", "k-1"),
        decode("{'type':'send_message','payload':{'roomId':'lobby','content':'hi','idempotency_key':'k-1'}}"));
    assertEquals(new SendMessage(null, "lobby", "hi", "c-1"),
        decode("{'type':'send_message','payload':{'roomId':'lobby','content':'hi','clientMessageId':'c-1','idempotency_key':'k-1'}}"));
  }

  @Test
  void decodesRoomJoinAsAnAliasOfJoinRoom() {
    assertEquals(new JoinRoom("r1", "lobby", null, null), decode("{'type':'room_join','ref':'r1','payload':{'roomId':'lobby'}}"));
  }

  @Test
  void decodesLeaveRoom() {
    assertEquals(new LeaveRoom(null, "lobby"), decode("{'type':'leave_room','payload':{'roomId':'lobby'}}"));
  }

  @Test
  void decodesSendMessageWithClientMessageId() {
    assertEquals(new SendMessage("r2", "lobby", "hi", "c7"),
        decode("{'type':'send_message','ref':'r2','payload':{'roomId':'lobby','content':'hi','clientMessageId':'c7'}}"));
  }

  @Test
  void decodesSendMessageWithoutClientMessageId() {
    assertNull(((SendMessage) decode("{'type':'send_message','payload':{'roomId':'lobby','content':'hi'}}")).clientMessageId());
    assertNull(((SendMessage) decode(
        "{'type':'send_message','payload':{'roomId':'lobby','content':'hi','clientMessageId':null}}")).clientMessageId());
  }

  @Test
  void keepsMarkupAndQuotesInContentAsSent() {
    String frame = "{\"type\":\"send_message\",\"payload\":{\"roomId\":\"lobby\","
        + "\"content\":\"<script>alert(\\\"x\\\")</script> & 'q'\"}}";
    assertEquals("<script>alert(\"x\")</script> & 'q'", ((SendMessage) Wire.decode(frame)).content());
  }

  @Test
  void decodesDeliveredAndReadReceipts() {
    assertEquals(new MessageDelivered(null, "lobby", "m1"),
        decode("{'type':'message_delivered','payload':{'roomId':'lobby','messageId':'m1'}}"));
    assertEquals(new MessageRead(null, "lobby", "m2"),
        decode("{'type':'message_read','payload':{'messageId':'m2','roomId':'lobby'}}"));
  }

  @Test
  void decodesMarkReadWithItsIdsInOrder() {
    assertEquals(new MarkRead(null, "lobby", List.of("m2", "m1")),
        decode("{'type':'mark_read','payload':{'roomId':'lobby','messageIds':['m2','m1']}}"));
    assertEquals(List.of(), ((MarkRead) decode("{'type':'mark_read','payload':{'roomId':'lobby','messageIds':[]}}")).messageIds());
  }

  @Test
  void decodesEditAndDelete() {
    assertEquals(new EditMessage(null, "lobby", "m1", "fixed"),
        decode("{'type':'edit_message','payload':{'roomId':'lobby','messageId':'m1','content':'fixed'}}"));
    assertEquals(new DeleteMessage(null, "lobby", "m1"),
        decode("{'type':'delete_message','payload':{'roomId':'lobby','messageId':'m1'}}"));
  }

  @Test
  void decodesTypingAndStopTyping() {
    assertEquals(new Typing(null, "lobby"), decode("{'type':'typing','payload':{'roomId':'lobby'}}"));
    assertEquals(new StopTyping(null, "lobby"), decode("{'type':'stop_typing','payload':{'roomId':'lobby'}}"));
  }

  @Test
  void decodesWalletEventAndTellsConnectFromAnythingElse() {
    WalletEvent connect = (WalletEvent) decode("{'type':'wallet_event','payload':{'action':'connect','walletAddress':'GABC'}}");
    WalletEvent other = (WalletEvent) decode("{'type':'wallet_event','payload':{'action':'bye','walletAddress':'GABC'}}");
    assertEquals(new WalletEvent(null, "connect", "GABC"), connect);
    assertTrue(connect.connect());
    assertFalse(other.connect());
  }

  @Test
  void decodesPresenceSnapshotRequestWithAndWithoutRoom() {
    assertEquals(new RequestPresenceSnapshot(null, "lobby"),
        decode("{'type':'request_presence_snapshot','payload':{'roomId':'lobby'}}"));
    assertEquals(new RequestPresenceSnapshot(null, null), decode("{'type':'request_presence_snapshot','payload':{}}"));
    assertEquals(new RequestPresenceSnapshot(null, null), decode("{'type':'request_presence_snapshot'}"));
  }

  @Test
  void decodesSetPresenceOnlineAndAway() {
    assertEquals(PresenceStatus.ONLINE, ((SetPresence) decode("{'type':'set_presence','payload':{'status':'online'}}")).status());
    assertEquals(PresenceStatus.AWAY, ((SetPresence) decode("{'type':'set_presence','payload':{'status':'away'}}")).status());
  }

  @Test
  void decodesHistoryWithTheDefaultLimit() {
    assertEquals(new History(null, "lobby", null, null, 50), decode("{'type':'history','payload':{'roomId':'lobby'}}"));
  }

  @Test
  void decodesHistoryCursorsAndLimitBounds() {
    assertEquals(new History(null, "lobby", 40L, null, 1),
        decode("{'type':'history','payload':{'roomId':'lobby','beforeSeq':40,'limit':1}}"));
    assertEquals(new History(null, "lobby", null, 7L, 100),
        decode("{'type':'history','payload':{'roomId':'lobby','afterSeq':7,'limit':100}}"));
  }

  @Test
  void decodesPongWithoutPayload() {
    assertEquals(new Pong(null), decode("{'type':'pong','timestamp':1}"));
  }

  @Test
  void takesTheRefFromTheEnvelopeOnly() {
    assertEquals("outer", decode("{'type':'typing','ref':'outer','payload':{'roomId':'lobby','ref':'inner'}}").ref());
    assertNull(decode("{'type':'typing','payload':{'roomId':'lobby','ref':'inner'}}").ref());
  }

  @Test
  void ignoresARefThatIsNotAShortString() {
    assertNull(decode("{'type':'pong','ref':7}").ref());
    assertNull(decode("{'type':'pong','ref':'" + "r".repeat(129) + "'}").ref());
  }

  @Test
  void ignoresUnknownFields() {
    assertEquals(new JoinRoom(null, "lobby", null, null),
        decode("{'type':'join_room','v':2,'payload':{'roomId':'lobby','extra':{'a':[1]}},'timestamp':1700000000000}"));
  }

  @Test
  void acceptsRoomIdsOfExactly64CharactersFromTheDocumentedSet() {
    String id = "Aa0-_.:".repeat(9) + "r";
    assertEquals(64, id.length());
    assertEquals(new JoinRoom(null, id, null, null), decode("{'type':'join_room','payload':{'roomId':'" + id + "'}}"));
  }

  @Test
  void acceptsOtherIdsOfExactly128Characters() {
    String id = "m".repeat(128);
    assertEquals(id, ((MessageDelivered) decode("{'type':'message_delivered','payload':{'roomId':'r','messageId':'" + id + "'}}")).messageId());
  }
}
