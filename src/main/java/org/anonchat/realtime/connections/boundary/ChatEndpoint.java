package org.anonchat.realtime.connections.boundary;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.anonchat.realtime.connections.control.CommandHandler;
import org.anonchat.realtime.connections.control.Connection;
import org.anonchat.realtime.connections.control.Connections;
import org.anonchat.realtime.connections.control.Shutdown;
import org.anonchat.realtime.connections.control.Wire;
import org.anonchat.realtime.connections.entity.ServerEvent;
import org.anonchat.realtime.identity.control.Challenges;
import org.anonchat.realtime.identity.entity.Challenge;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The chat socket. Text frames in, JSON events out; everything else happens in the control classes. One instance
 * serves every socket ({@link SharedEndpointInstance}): it must keep no per-socket state.
 */
@Dependent
@ServerEndpoint(value = "/ws", configurator = SharedEndpointInstance.class)
public class ChatEndpoint {

  private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

  @Inject
  @ConfigProperty(name = "chat.connection.max-frame-bytes", defaultValue = "65536")
  int maxFrameBytes;

  @Inject Connections connections;
  @Inject CommandHandler commands;
  @Inject Shutdown shutdown;
  @Inject Challenges challenges;

  @OnOpen
  public void open(Session session) {
    // A bigger text frame closes the socket with 1009 before it reaches onMessage.
    session.setMaxTextMessageBufferSize(maxFrameBytes);
    session.setMaxBinaryMessageBufferSize(1024);
    Connection connection = connections.open(session);
    if (connection == null) return; // refused: too many connections from this address
    Challenge challenge = challenges.issue();
    connection.challenge(challenge);
    connection.send(Wire.encode(new ServerEvent.ConnectionEstablished(connection.id(), challenge.nonce(), challenge.expiresAt())));
    connection.opened(); // written here, on the upgrade's thread, after the 101 response; then the flushers
  }

  @OnMessage
  public void message(String text, Session session) {
    Connection connection = connections.of(session);
    if (connection == null) return;
    connection.heard();
    if (!shutdown.begin()) return; // stopping: the socket is about to close with 1001
    try {
      commands.handle(connection, text);
    } finally {
      shutdown.finished();
    }
  }

  @OnMessage
  public void pong(PongMessage pong, Session session) {
    Connection connection = connections.of(session);
    if (connection != null) connection.heard();
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    connections.closed(session);
  }

  @OnError
  public void error(Session session, Throwable error) {
    LOG.log(Level.WARNING, "Socket error on " + session.getUserProperties().get("chat.connectionId") + ": " + error);
  }
}
