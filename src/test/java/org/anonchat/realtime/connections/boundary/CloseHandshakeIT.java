package org.anonchat.realtime.connections.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import org.anonchat.realtime.support.ChatClient;
import org.anonchat.realtime.support.Deployments;
import org.anonchat.realtime.support.RawPeer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The closing handshake (RFC 6455 §7): a client the server closes learns why, even if it was still sending;
 * a client that closes is let go at once; a peer that never answers is let go soon after.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloseHandshakeIT {

  private static final String BROKEN = "{broken";
  private static final String BIG_BROKEN = "{\"type\":\"send_message\",\"payload\":{\"content\":" + "[".repeat(20_000);

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.builtWar();
  }

  @ArquillianResource
  URL base;

  /**
   * The offender's frames keep arriving after the server decided to close it. Closing the TCP connection then
   * would make the server's kernel answer them with a reset, and the client would see an abnormal closure
   * (1006) instead of the 1008 that tells it not to reconnect and retry the same thing.
   */
  @Test
  void anOffenderThatKeepsSendingStillGetsItsCloseCode() throws Exception {
    for (int round = 0; round < 20; round++) {
      try (ChatClient offender = ChatClient.authenticated(base, "Noisy")) {
        for (int i = 0; i < 400 && !offender.isClosed(); i++) {
          try {
            offender.sendRaw(i % 2 == 0 ? BROKEN : BIG_BROKEN);
          } catch (RuntimeException closedMeanwhile) {
            break; // the close arrived while sending: judged below
          }
        }
        int code = offender.awaitClose(Duration.ofSeconds(10));
        assertEquals(1008, code, "round " + round + ": " + offender.closeReason());
      }
    }
  }

  /**
   * A peer that goes on sending after the server's close frame is not cut off while the server waits for its
   * answer (its frames would be answered with a reset), and one that never answers is let go, with a FIN, soon.
   */
  @Test
  void aPeerThatNeverAnswersTheCloseIsLetGoCleanly() throws Exception {
    try (RawPeer peer = RawPeer.connect(ChatClient.wsUri(base))) {
      for (int i = 0; i < 25; i++) peer.sendText(BROKEN);
      assertEquals(1008, peer.readUntilCloseFrame(Duration.ofSeconds(10)));
      long closed = System.nanoTime();
      for (int i = 0; i < 25; i++) {
        peer.sendText(BROKEN); // a frame in flight when the close came
        RawPeer.Outcome meanwhile = peer.readUntilClosed(Duration.ofMillis(20));
        assertFalse(meanwhile.eof(), "frame " + i + " after the close: the server did not wait for the answer: " + meanwhile);
      }
      RawPeer.Outcome end = peer.readUntilClosed(Duration.ofSeconds(30));
      assertTrue(end.eof(), "the server ended the connection: " + end);
      assertFalse(end.reset(), "the server ended the connection with a FIN, not a reset: " + end);
      Duration waited = Duration.ofNanos(end.endNanos() - closed);
      assertTrue(waited.compareTo(Duration.ofSeconds(15)) < 0, "the server let go of a silent peer soon: " + waited);
    }
  }

  /** The client started the handshake: the server answers and ends the TCP connection without lingering. */
  @Test
  void aClientThatClosesIsAnsweredAndLetGoAtOnce() throws Exception {
    try (RawPeer peer = RawPeer.connect(ChatClient.wsUri(base))) {
      peer.sendText("{\"type\":\"auth\",\"payload\":{\"displayName\":\"Leaving\"}}");
      long sent = System.nanoTime();
      peer.sendClose(1000);
      RawPeer.Outcome end = peer.readUntilClosed(Duration.ofSeconds(30));
      assertEquals(1000, end.closeCode(), "the server answered the close: " + end);
      assertTrue(end.eof() && !end.reset(), "the server ended the connection with a FIN: " + end);
      Duration took = Duration.ofNanos(end.endNanos() - sent);
      assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "the server ended it at once, not after its linger: " + took);
    }
  }

}
