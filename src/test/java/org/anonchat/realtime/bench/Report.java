package org.anonchat.realtime.bench;

import java.util.Map;

/** Error frames and anomalies a ledger collected, as report figures (any anomaly fails the scenario). */
final class Report {

  private Report() {}

  static void errors(Ledger ledger, Result result) {
    Map<String, Long> errors = ledger.errors();
    result.figure("errors", errors.values().stream().mapToLong(Long::longValue).sum());
    errors.forEach((what, n) -> result.notes.add(n + " x " + what));
    ledger.anomalies().stream().limit(5).forEach(a -> result.failures.add("anomaly: " + a));
  }
}
