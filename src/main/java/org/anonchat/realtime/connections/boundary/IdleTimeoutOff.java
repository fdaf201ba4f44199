package org.anonchat.realtime.connections.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;
import org.anonchat.realtime.connections.control.TyrusIdleTimer;

/**
 * Turns the container's per-session idle timeout off for this application's sockets: the heartbeat
 * ({@code Heartbeat}) already closes silent peers, with pings and a timeout of its own. Tyrus (Payara) keeps
 * the idle timeout by cancelling and rescheduling a managed task on every frame in either direction, and
 * scheduling a managed task captures the thread's context (a ServiceLoader lookup through the web app's
 * class loader): 30% of the server's CPU in the fan-out benchmark (docs/performance.md). Payara's Tyrus schedules
 * even with the timeout at 0 (a task due at once), so the container is also given a plain scheduler of the
 * application's ({@link TyrusIdleTimer}). {@code Connections} sets 0 on each session too, for containers that
 * ignore this default.
 */
@WebListener
public class IdleTimeoutOff implements ServletContextListener {

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (event.getServletContext().getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
      container.setDefaultMaxSessionIdleTimeout(0);
      TyrusIdleTimer.installIn(container);
    }
  }
}
