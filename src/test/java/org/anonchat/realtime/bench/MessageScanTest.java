package org.anonchat.realtime.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.anonchat.realtime.connections.control.Wire;
import org.anonchat.realtime.connections.entity.MessageView;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.junit.jupiter.api.Test;

/** The generator's scan of {@code message} frames must read what the server's codec writes, and nothing else. */
class MessageScanTest {

  private static String encoded(String content, String clientMessageId) {
    return Wire.encode(new ServerEvent.Message(new MessageView("m-1", 42, "bench-room-3", "u-1", "Ada", null, content,
        1_767_272_401_002L, clientMessageId, null, false, "sent", null)));
  }

  @Test
  void readsTheFieldsTheChecksNeed() {
    BenchClient.Scanned m = BenchClient.scan(encoded("hello", "c-9"));
    assertEquals("bench-room-3", m.roomId());
    assertEquals(new BenchClient.Delivered(42, "m-1", "c-9"), m.delivered());
  }

  @Test
  void keysInsideTheContentDoNotConfuseIt() {
    BenchClient.Scanned m = BenchClient.scan(encoded("\"id\":\"evil\",\"seq\":7,\"roomId\":\"other\"", "c-9"));
    assertEquals("bench-room-3", m.roomId());
    assertEquals(new BenchClient.Delivered(42, "m-1", "c-9"), m.delivered());
  }

  @Test
  void aNullClientMessageIdIsRead() {
    assertNull(BenchClient.scan(encoded("hi", null)).delivered().clientMessageId());
  }

  @Test
  void anEscapedValueIsLeftToTheParser() {
    assertNull(BenchClient.scan(encoded("hi", "c-\"quoted\"")));
  }
}
