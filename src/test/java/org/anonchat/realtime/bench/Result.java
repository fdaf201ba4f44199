package org.anonchat.realtime.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario measured: its settings, its figures (nested maps of numbers and strings, in report
 * order), the latency timeline for the chart, and what went wrong. {@link ReportFiles} writes it out.
 */
public final class Result {

  final String name;
  final Map<String, Object> settings = new LinkedHashMap<>();
  final Map<String, Object> figures = new LinkedHashMap<>();
  final List<String> failures = new ArrayList<>();
  final List<String> warnings = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  List<Timeline.Point> timeline = List.of();
  String chart = "delivery latency over time";

  Result(String name) {
    this.name = name;
  }

  Result setting(String key, Object value) {
    settings.put(key, value);
    return this;
  }

  Result figure(String key, Object value) {
    figures.put(key, value);
    return this;
  }

  /** A figure nested one level down, e.g. group "server", key "cpu_s". */
  Result figure(String group, String key, Object value) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) figures.computeIfAbsent(group, g -> new LinkedHashMap<String, Object>());
    map.put(key, value);
    return this;
  }

  Object get(String group, String key) {
    Object map = figures.get(group);
    return map instanceof Map<?, ?> m ? m.get(key) : null;
  }

  /** Loss, duplicates and the failures found by the checks. */
  void checks(Verdict.Tally tally) {
    figure("loss", tally.lost);
    figure("duplicates", tally.duplicates);
    failures.addAll(tally.failures);
  }

  /**
   * The server's CPU and memory between two snapshots: CPU seconds and per delivery, RSS before and
   * after and per connection held, the machine's load average at both ends.
   */
  void server(Resources.Snapshot start, Resources.Snapshot end, Resources resources, long deliveries) {
    double wall = (end.wallNanos() - start.wallNanos()) / 1e9;
    long nowNanos = System.nanoTime();
    java.time.Instant now = java.time.Instant.now();
    // Wall-clock ends of the measured stretch, to find it in a server profile (JFR) or log.
    figure("measured_from", now.minusNanos(nowNanos - start.wallNanos()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    figure("measured_to", now.minusNanos(nowNanos - end.wallNanos()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    figure("wall_s", round(wall, 2));
    figure("load_average", "start", start.loadAverage());
    figure("load_average", "end", end.loadAverage());
    figure("client", "cpu_s", round((end.clientCpuNanos() - start.clientCpuNanos()) / 1e9, 2));
    if (!resources.knowsServer()) return;
    double cpu = (end.serverCpuNanos() - start.serverCpuNanos()) / 1e9;
    figure("server", "cpu_s", round(cpu, 2));
    figure("server", "cpu_cores_used", round(cpu / Math.max(1e-9, wall), 2));
    if (deliveries > 0) figure("server", "cpu_us_per_delivery", round(cpu * 1e6 / deliveries, 2));
    double jit = (end.serverJitNanos(resources.clockTicks()) - start.serverJitNanos(resources.clockTicks())) / 1e9;
    figure("server", "jit_cpu_s", round(jit, 2));
    if (deliveries > 0) figure("server", "cpu_us_per_delivery_without_jit", round((cpu - jit) * 1e6 / deliveries, 2));
    threads(start, end, resources.clockTicks(), wall);
    figure("server", "rss_start_kib", start.rssKib());
    figure("server", "rss_end_kib", end.rssKib());
    figure("server", "rss_peak_kib", resources.statusKib("VmHWM"));
  }

  /**
   * Where the server's CPU went: per thread group (a pool's threads together) the share of one core it used
   * during the measurement, as "user + system", largest first, groups under 1% left out.
   */
  private void threads(Resources.Snapshot start, Resources.Snapshot end, long clockTicks, double wall) {
    record Use(String group, double user, double system) {}
    List<Use> uses = new ArrayList<>();
    end.threadTicks().forEach((group, ticks) -> {
      long[] before = start.threadTicks().getOrDefault(group, new long[2]);
      double seconds = clockTicks * Math.max(1e-9, wall);
      uses.add(new Use(group, (ticks[0] - before[0]) / seconds, (ticks[1] - before[1]) / seconds));
    });
    uses.sort((a, b) -> Double.compare(b.user() + b.system(), a.user() + a.system()));
    for (Use u : uses) {
      if (u.user() + u.system() < 0.01) break;
      figure("server_threads_cores", u.group(), round(u.user(), 3) + " + " + round(u.system(), 3));
    }
  }

  static double round(double value, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(value * f) / f;
  }

  String verdict() {
    return failures.isEmpty() ? (warnings.isEmpty() ? "PASS" : "PASS with warnings") : "FAIL";
  }
}
