package org.anonchat.realtime.pages.server;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Holds WebSocket upgrade requests while the gate is closed. Holding (rather than refusing) keeps the browser
 * quiet: a refused handshake is a console error, and the page tests fail on those.
 */
@WebFilter("/ws")
public class HandshakeGateFilter extends HttpFilter {

  @Inject
  HandshakeGate gate;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      try {
        gate.pass();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    chain.doFilter(request, response);
  }
}
