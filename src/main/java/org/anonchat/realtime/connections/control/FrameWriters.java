package org.anonchat.realtime.connections.control;

import jakarta.websocket.Session;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Picks each socket's {@link FrameWriter}: Grizzly's transport writer where it can (decision 0032), else Tyrus's
 * raw writer (decision 0031), else the API.
 */
final class FrameWriters {

  /** Whether Tyrus's transport SPI is visible to the application (Payara, GlassFish); never on WildFly. */
  static final boolean TYRUS_SPI = visible("org.glassfish.tyrus.spi.Writer");
  private static final Logger LOG = Logger.getLogger(FrameWriters.class.getName());
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  private FrameWriters() {}

  /**
   * Raw frames need a socket without negotiated extensions: an extension such as permessage-deflate
   * transforms frames on their way out, and only the API path applies it.
   */
  static FrameWriter forSession(Session session, boolean rawAllowed, boolean belowServlet) {
    if (rawAllowed && TYRUS_SPI && session.getNegotiatedExtensions().isEmpty()) {
      FrameWriter raw = belowServlet ? GrizzlyFrameWriter.of(session) : null;
      if (raw == null) raw = TyrusFrameWriter.of(session);
      if (raw != null) return reported(raw);
    }
    return reported(new StandardFrameWriter(session));
  }

  /** Says once which path the sockets use, so an operator can tell from the log. */
  private static FrameWriter reported(FrameWriter writer) {
    if (REPORTED.compareAndSet(false, true)) {
      String grizzly = writer instanceof GrizzlyFrameWriter || GrizzlyFrameWriter.refusal.isEmpty() ? ""
          : " (Grizzly's write queue not used: " + GrizzlyFrameWriter.refusal + ")";
      LOG.info("Outgoing frames: " + writer.getClass().getSimpleName() + grizzly);
    }
    return writer;
  }

  private static boolean visible(String className) {
    try {
      Class.forName(className, false, FrameWriters.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
