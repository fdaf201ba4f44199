package org.anonchat.realtime.pages.server;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.util.List;
import org.anonchat.realtime.connections.control.Connection;
import org.anonchat.realtime.connections.control.Connections;

/**
 * POST {@code it/sockets?action=close&userId=..&code=..} closes every socket of a user from the server side;
 * {@code action=hold} / {@code action=release} close and open the {@link HandshakeGate}. GET
 * {@code it/sockets?userId=..} answers how many sockets the user has open, and how many handshakes were held.
 */
@WebServlet("/it/sockets")
public class SocketControl extends HttpServlet {

  @Inject
  Connections connections;

  @Inject
  HandshakeGate gate;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String action = request.getParameter("action");
    switch (action == null ? "" : action) {
      case "close" -> {
        int code = Integer.parseInt(request.getParameter("code"));
        List<Connection> open = List.copyOf(connections.ofUser(request.getParameter("userId")));
        CloseReason reason = new CloseReason(CloseReason.CloseCodes.getCloseCode(code), "closed by the test");
        open.forEach(connection -> connection.close(reason));
        reply(response, "{\"closed\":" + open.size() + "}");
      }
      case "hold" -> {
        gate.close();
        reply(response, "{}");
      }
      case "release" -> {
        gate.open();
        reply(response, "{}");
      }
      default -> response.sendError(400, "action must be close, hold or release");
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long open = connections.ofUser(request.getParameter("userId")).stream().filter(Connection::isOpen).count();
    reply(response, "{\"open\":" + open + ",\"held\":" + gate.held() + "}");
  }

  private static void reply(HttpServletResponse response, String json) throws IOException {
    response.setContentType("application/json");
    response.getWriter().write(json);
  }
}
