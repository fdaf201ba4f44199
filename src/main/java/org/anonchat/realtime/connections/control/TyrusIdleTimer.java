package org.anonchat.realtime.connections.control;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stops Tyrus (as patched in Payara 6) from scheduling a managed task for every frame it receives (decision
 * 0031). That Tyrus restarts the session's idle timer on each incoming frame even when the idle timeout is
 * off, by scheduling on Payara's managed scheduler, whose context capture runs a ServiceLoader scan through
 * the web app's class loader: 12–30% of the server's CPU in the fan-out benchmark. This swaps the session's
 * scheduler (Tyrus's private {@code service} field) for a small one of its own: a task due now runs at once in the
 * calling thread (with the timeout off it is Tyrus's idle check, which then does nothing) and anything later
 * goes to one plain daemon thread. Sessions of other implementations, or a Tyrus without that field, are left
 * alone.
 *
 * <p>A session gets its scheduler from the application's WebSocket container when it is created, and its
 * constructor already starts the idle timer once, before the endpoint can swap anything: a managed task and a
 * ServiceLoader scan per handshake, 8% of the server's samples in the connections ramp (JFR, {@code T004112Z}). So
 * {@link #installIn} gives the container itself this scheduler at start-up (Tyrus's private
 * {@code managedScheduledExecutorService}, which only sessions use); {@link #disarm} stays for a container where that
 * failed.
 */
public final class TyrusIdleTimer {

  private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());
  private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
  private static final String TYRUS_CONTAINER = "org.glassfish.tyrus.core.BaseContainer";
  private static final ClassValue<Field> SERVICE = TyrusFields.named("service");
  private static final ClassValue<Field> CONTAINER_SCHEDULER = TyrusFields.named("managedScheduledExecutorService");
  /** One per application (its class loader): the container's and every session's. */
  private static final ScheduledThreadPoolExecutor SCHEDULER = new InlineWhenDue();
  /** Set once the container hands every new session this scheduler: then nothing is left to swap per session. */
  private static volatile boolean installed;

  private TyrusIdleTimer() {}

  /** Gives the application's Tyrus container this scheduler, for every session it creates from now on. */
  public static void installIn(Object container) {
    Field field = CONTAINER_SCHEDULER.get(container.getClass());
    if (field == null || !field.getDeclaringClass().getName().equals(TYRUS_CONTAINER)) return;
    try {
      field.set(container, SCHEDULER);
      installed = true;
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.log(Level.INFO, "Tyrus sessions keep the managed scheduler for their idle timers: " + e);
    }
  }

  /** Call before setting the session's idle timeout: from then on its timer costs nothing per frame. */
  static void disarm(Session session) {
    if (installed) return;
    Field service = SERVICE.get(session.getClass());
    if (service == null || !service.getDeclaringClass().getName().equals(TYRUS_SESSION)) return;
    try {
      service.set(session, SCHEDULER);
    } catch (IllegalAccessException | RuntimeException e) {
      LOG.log(Level.FINE, "Could not replace the idle timer's scheduler", e);
    }
  }

  /** At undeploy: its thread (started only if a timer was ever set) must not outlive the application. */
  static void shutdown() {
    SCHEDULER.shutdownNow();
  }

  private static final class InlineWhenDue extends ScheduledThreadPoolExecutor {

    InlineWhenDue() {
      super(1, r -> {
        Thread t = new Thread(r, "chat-tyrus-timers");
        t.setDaemon(true);
        return t;
      });
      setRemoveOnCancelPolicy(true); // a timer restarted per frame must not leave cancelled tasks queued
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      if (delay > 0) return super.schedule(command, delay, unit);
      command.run();
      return Ran.INSTANCE;
    }
  }

  /** The future of a task that already ran. */
  private static final class Ran implements ScheduledFuture<Object> {
    static final Ran INSTANCE = new Ran();

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
