package org.anonchat.realtime.bench;

import java.util.List;
import java.util.Map;

/** Formats a ledger's figures into report lines. */
final class Report {

  private Report() {}

  static void phases(Ledger ledger, List<String> lines) {
    for (Ledger.Phase p : ledger.phases()) {
      lines.add("-- phase: " + p.name);
      lines.add(String.format("messages          sent %d, acked %d, rejected %d; deliveries %d (every member, sender included)",
          p.sent.sum(), p.acked.sum(), p.rejected.sum(), p.deliveries.sum()));
      lines.add(String.format("throughput        %.0f msgs/s acked, %.0f deliveries/s, over %.2f s",
          p.ackRate(), p.deliveryRate(), p.seconds()));
      lines.add("ack latency       " + p.ack.summary().format());
      lines.add("delivery latency  " + p.delivery.summary().format() + "  (send -> message at the other members)");
    }
  }

  static void errors(Ledger ledger, List<String> lines) {
    Map<String, Long> errors = ledger.errors();
    if (errors.isEmpty()) {
      lines.add("errors            none");
      return;
    }
    lines.add("errors            " + errors.values().stream().mapToLong(Long::longValue).sum() + " in total");
    errors.forEach((what, n) -> lines.add("                  " + n + " x " + what));
    ledger.anomalies().stream().limit(5).forEach(a -> lines.add("                  e.g. " + a));
  }
}
