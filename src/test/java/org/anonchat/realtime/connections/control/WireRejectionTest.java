package org.anonchat.realtime.connections.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anonchat.realtime.connections.entity.ErrorCode;
import org.anonchat.realtime.connections.entity.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Client frames the codec refuses, and what the refusal says. Frames are written with ' for ". */
class WireRejectionTest {

  static ProtocolException rejection(String singleQuoted) {
    return assertThrows(ProtocolException.class, () -> Wire.decode(singleQuoted.replace('\'', '"')));
  }

  static void assertInvalidPayloadNaming(String field, String frame) {
    ProtocolException e = rejection(frame);
    assertEquals(ErrorCode.INVALID_PAYLOAD, e.code());
    assertTrue(e.getMessage().contains(field), () -> "message should name " + field + ": " + e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "{", "not json", "{'type':'pong',}", "{type:'pong'}"})
  void rejectsMalformedJson(String frame) {
    assertEquals(ErrorCode.INVALID_JSON, rejection(frame).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{'type':'pong'}]", "42", "'pong'", "null", "true"})
  void rejectsFramesThatAreNotObjects(String frame) {
    assertEquals(ErrorCode.INVALID_JSON, rejection(frame).code());
  }

  /** Parsson's JsonReader stops after the first value (eclipse-ee4j/parsson#18); the codec must check for the end. */
  @Test
  void rejectsContentAfterTheObject() {
    assertEquals(ErrorCode.INVALID_JSON, rejection("{'type':'pong'} x").code());
  }

  @Test
  void rejectsAFrameWithoutType() {
    assertInvalidPayloadNaming("type", "{'payload':{'roomId':'lobby'}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "null", "{}", "['auth']", "true"})
  void rejectsATypeThatIsNotAString(String type) {
    assertInvalidPayloadNaming("type", "{'type':" + type + ",'payload':{}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shout", "JOIN_ROOM", "", "message"})
  void rejectsUnknownTypes(String type) {
    ProtocolException e = rejection("{'type':'" + type + "','payload':{}}");
    assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
    assertTrue(e.getMessage().contains("unknown type"), e.getMessage());
  }

  @Test
  void rejectsAPayloadThatIsNotAnObject() {
    assertInvalidPayloadNaming("payload", "{'type':'join_room','payload':['lobby']}");
    assertInvalidPayloadNaming("payload", "{'type':'join_room','payload':'lobby'}");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "displayName     | {'type':'auth','payload':{'avatarUrl':'https://a/x.png'}}",
      "roomId          | {'type':'join_room','payload':{}}",
      "roomId          | {'type':'room_join'}",
      "roomId          | {'type':'leave_room','payload':{'roomId':null}}",
      "content         | {'type':'send_message','payload':{'roomId':'lobby'}}",
      "roomId          | {'type':'send_message','payload':{'content':'hi'}}",
      "messageId       | {'type':'message_delivered','payload':{'roomId':'lobby'}}",
      "messageId       | {'type':'message_read','payload':{'roomId':'lobby'}}",
      "messageIds      | {'type':'mark_read','payload':{'roomId':'lobby'}}",
      "content         | {'type':'edit_message','payload':{'roomId':'lobby','messageId':'m1'}}",
      "messageId       | {'type':'delete_message','payload':{'roomId':'lobby'}}",
      "roomId          | {'type':'typing','payload':{}}",
      "roomId          | {'type':'stop_typing','payload':{}}",
      "walletAddress   | {'type':'wallet_event','payload':{'action':'connect'}}",
      "action          | {'type':'wallet_event','payload':{'walletAddress':'GABC'}}",
      "status          | {'type':'set_presence','payload':{}}",
      "roomId          | {'type':'history','payload':{'limit':10}}"})
  void rejectsAMissingRequiredFieldByName(String field, String frame) {
    assertInvalidPayloadNaming(field, frame);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "displayName     | {'type':'auth','payload':{'displayName':42}}",
      "avatarUrl       | {'type':'auth','payload':{'displayName':'Ann','avatarUrl':false}}",
      "token           | {'type':'auth','payload':{'displayName':'Ann','token':{}}}",
      "roomId          | {'type':'join_room','payload':{'roomId':5}}",
      "content         | {'type':'send_message','payload':{'roomId':'lobby','content':true}}",
      "clientMessageId | {'type':'send_message','payload':{'roomId':'lobby','content':'hi','clientMessageId':7}}",
      "messageIds      | {'type':'mark_read','payload':{'roomId':'lobby','messageIds':'m1'}}",
      "messageIds      | {'type':'mark_read','payload':{'roomId':'lobby','messageIds':['m1',2]}}",
      "roomId          | {'type':'request_presence_snapshot','payload':{'roomId':[]}}",
      "limit           | {'type':'history','payload':{'roomId':'lobby','limit':'10'}}",
      "limit           | {'type':'history','payload':{'roomId':'lobby','limit':1.5}}",
      "beforeSeq       | {'type':'history','payload':{'roomId':'lobby','beforeSeq':'9'}}",
      "afterSeq        | {'type':'history','payload':{'roomId':'lobby','afterSeq':99999999999999999999}}"})
  void rejectsAWrongJsonTypeByName(String field, String frame) {
    assertInvalidPayloadNaming(field, frame);
  }

  @Test
  void carriesTheRefOfTheRejectedFrame() {
    assertEquals("r1", rejection("{'type':'shout','ref':'r1'}").ref());
    assertEquals("r2", rejection("{'type':'join_room','ref':'r2','payload':{}}").ref());
    assertEquals("r3", rejection("{'type':5,'ref':'r3'}").ref());
    assertEquals("r4", rejection("{'ref':'r4'}").ref());
    assertEquals("r5", rejection("{'type':'history','ref':'r5','payload':{'roomId':'lobby','limit':0}}").ref());
  }

  @Test
  void hasNoRefWhenTheFrameGaveNone() {
    assertNull(rejection("{'type':'shout'}").ref());
    assertNull(rejection("{'ref':'r1'").ref());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101})
  void rejectsAHistoryLimitOutsideOneToHundred(int limit) {
    assertInvalidPayloadNaming("limit", "{'type':'history','payload':{'roomId':'lobby','limit':" + limit + "}}");
  }

  @Test
  void rejectsHistoryWithBothCursors() {
    ProtocolException e = rejection("{'type':'history','payload':{'roomId':'lobby','beforeSeq':9,'afterSeq':3}}");
    assertEquals(ErrorCode.INVALID_PAYLOAD, e.code());
    assertTrue(e.getMessage().contains("beforeSeq") && e.getMessage().contains("afterSeq"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"offline", "busy", "ONLINE", ""})
  void rejectsPresenceOtherThanOnlineOrAway(String status) {
    assertInvalidPayloadNaming("status", "{'type':'set_presence','payload':{'status':'" + status + "'}}");
  }

  @Test
  void rejectsIdsLongerThan128Characters() {
    String id = "r".repeat(129);
    assertInvalidPayloadNaming("roomId", "{'type':'join_room','payload':{'roomId':'" + id + "'}}");
    assertInvalidPayloadNaming("messageId", "{'type':'delete_message','payload':{'roomId':'lobby','messageId':'" + id + "'}}");
    assertInvalidPayloadNaming("messageIds", "{'type':'mark_read','payload':{'roomId':'lobby','messageIds':['" + id + "']}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   "})
  void rejectsBlankIds(String id) {
    assertInvalidPayloadNaming("roomId", "{'type':'join_room','payload':{'roomId':'" + id + "'}}");
    assertInvalidPayloadNaming("clientMessageId",
        "{'type':'send_message','payload':{'roomId':'lobby','content':'hi','clientMessageId':'" + id + "'}}");
    assertInvalidPayloadNaming("messageIds", "{'type':'mark_read','payload':{'roomId':'lobby','messageIds':['m1','" + id + "']}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lob by", "lobby/1", "lobby#1", "caf\u00e9", "<script>", "a,b", "65chars"})
  void rejectsRoomIdsOutsideTheDocumentedCharacterSetOrOver64(String id) {
    String roomId = id.equals("65chars") ? "r".repeat(65) : id;
    assertInvalidPayloadNaming("roomId", "{'type':'join_room','payload':{'roomId':'" + roomId + "'}}");
    assertInvalidPayloadNaming("roomId", "{'type':'send_message','payload':{'roomId':'" + roomId + "','content':'x'}}");
    assertInvalidPayloadNaming("roomId", "{'type':'create_room','payload':{'roomId':'" + roomId + "'}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\ud800", "a\\udfffb", "\\ud83d"})
  void rejectsUnpairedSurrogatesInAnyString(String escaped) {
    assertInvalidPayloadNaming("content", "{'type':'send_message','payload':{'roomId':'lobby','content':'x" + escaped + "'}}");
    assertInvalidPayloadNaming("displayName", "{'type':'auth','payload':{'displayName':'" + escaped + "'}}");
  }

  @Test
  void acceptsAPairedSurrogateEscape() {
    assertEquals("\uD83D\uDE00", ((org.anonchat.realtime.connections.entity.ClientCommand.SendMessage)
        Wire.decode("{\"type\":\"send_message\",\"payload\":{\"roomId\":\"r\",\"content\":\"\\ud83d\\ude00\"}}")).content());
  }

  @Test
  void rejectsAnInviteWithBothOrNeitherTarget() {
    assertEquals(ErrorCode.INVALID_PAYLOAD, rejection("{'type':'invite','payload':{'roomId':'r'}}").code());
    assertEquals(ErrorCode.INVALID_PAYLOAD, rejection("{'type':'invite','payload':{'roomId':'r','userId':'u-1','walletAddress':'G'}}").code());
  }

  @Test
  void rejectsASignatureWithoutAWallet() {
    assertInvalidPayloadNaming("walletAddress", "{'type':'auth','payload':{'displayName':'Ann','signature':'c2ln'}}");
  }

  @Test
  void rejectsANonBooleanPrivateFlag() {
    assertInvalidPayloadNaming("private", "{'type':'create_room','payload':{'roomId':'r','private':'yes'}}");
  }

  @Test
  void rejectsDeeplyNestedFramesBeforeParsing() {
    String deep = "{\"type\":\"pong\",\"payload\":{\"x\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}}";
    ProtocolException e = assertThrows(ProtocolException.class, () -> Wire.decode(deep));
    assertEquals(ErrorCode.INVALID_JSON, e.code());
    assertTrue(Wire.nestedDeeperThan("[[[" + "]]]", 2));
    assertFalse(Wire.nestedDeeperThan("{\"a\":\"[[[[[\\\"[[[[\"}", 1), "brackets inside strings do not count");
  }

  @Test
  void rejectsIdsWithControlCharacters() {
    assertInvalidPayloadNaming("roomId", "{'type':'join_room','payload':{'roomId':'lob\\nby'}}");
    assertInvalidPayloadNaming("roomId", "{'type':'join_room','payload':{'roomId':'lob\\u0000by'}}");
  }
}
