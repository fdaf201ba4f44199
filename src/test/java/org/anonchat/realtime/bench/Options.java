package org.anonchat.realtime.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Command line: scenario names, then {@code --key=value} settings (see docs/benchmark.md). */
final class Options {

  final List<String> scenarios = new ArrayList<>();
  private final Map<String, String> values = new HashMap<>();

  static Options parse(String[] args) {
    Options o = new Options();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        o.values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
      } else if (arg.startsWith("--")) {
        throw new IllegalArgumentException("settings are --key=value: " + arg);
      } else {
        o.scenarios.add(arg);
      }
    }
    if (o.scenarios.isEmpty()) o.scenarios.addAll(List.of("fanout", "rooms", "connections", "churn"));
    for (String name : o.scenarios) {
      if (!Scenarios.NAMES.contains(name) && !(name.equals("probe") && o.scenarios.size() == 1)) {
        throw new IllegalArgumentException("unknown scenario " + name + "; known: " + Scenarios.NAMES + " or probe alone");
      }
    }
    return o;
  }

  String text(String key, String fallback) {
    return values.getOrDefault(key, fallback);
  }

  double decimal(String key, double fallback) {
    String v = values.get(key);
    if (v == null) return fallback;
    double n = Double.parseDouble(v);
    if (n < 0) throw new IllegalArgumentException(key + " must not be negative");
    return n;
  }

  int integer(String key, int fallback) {
    String v = values.get(key);
    if (v == null) return fallback;
    int n = Integer.parseInt(v);
    if (n < 0) throw new IllegalArgumentException(key + " must not be negative");
    return n;
  }
}
