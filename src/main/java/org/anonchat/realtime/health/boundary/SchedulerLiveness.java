package org.anonchat.realtime.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.anonchat.realtime.scheduling.Sweeps;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the housekeeping scheduler keeps running. Heartbeats, presence expiry and typing timeouts all
 * depend on it; when it stalls (exhausted or dead threads) the process should be restarted, which is what
 * a failing liveness check asks an orchestrator to do. The database is readiness, not liveness: a restart
 * would not bring it back.
 */
@Liveness
@ApplicationScoped
public class SchedulerLiveness implements HealthCheck {

  /** Sweeps run at least every second; this much silence means the scheduler is stuck. */
  static final long STALL_MILLIS = 30_000;

  @Inject
  Sweeps sweeps;

  @Override
  public HealthCheckResponse call() {
    long silentFor = System.currentTimeMillis() - sweeps.lastRunMillis();
    return HealthCheckResponse.named("scheduler").status(silentFor < STALL_MILLIS)
        .withData("lastRunMillisAgo", silentFor).build();
  }
}
