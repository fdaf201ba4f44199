package org.anonchat.realtime.scheduling;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Periodic housekeeping (typing expiry, presence grace, idle members, heartbeat) on the server's managed
 * scheduler. One periodic task per component, not a timer per user: the cost does not grow with users.
 */
@ApplicationScoped
public class Sweeps {

  private static final Logger LOG = Logger.getLogger(Sweeps.class.getName());

  @Resource
  ManagedScheduledExecutorService scheduler;

  private final List<ScheduledFuture<?>> running = new CopyOnWriteArrayList<>();
  private volatile long lastRunMillis = System.currentTimeMillis();

  /** Runs {@code task} every {@code periodMillis} until undeploy; a failed run is logged, the next still runs. */
  public void every(long periodMillis, String what, Runnable task) {
    running.add(scheduler.scheduleWithFixedDelay(() -> {
      lastRunMillis = System.currentTimeMillis();
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, what + " failed", e);
      }
    }, periodMillis, periodMillis, TimeUnit.MILLISECONDS));
  }

  /** When any periodic task last started (epoch ms): the liveness check's sign that the scheduler runs. */
  public long lastRunMillis() {
    return lastRunMillis;
  }

  @PreDestroy
  void cancelAll() {
    running.forEach(f -> f.cancel(false));
  }
}
