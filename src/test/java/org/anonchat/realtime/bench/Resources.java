package org.anonchat.realtime.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the server (from /proc, when its pid is known) and of this client, and the server's
 * resident memory, so a report shows how the two processes shared the machine's cores.
 */
final class Resources {

  private final long serverPid;
  private final long clockTicks;

  Resources(long serverPid, long clockTicks) {
    this.serverPid = serverPid;
    this.clockTicks = clockTicks;
  }

  record Snapshot(long serverCpuNanos, long clientCpuNanos, long wallNanos) {}

  Snapshot now() {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Snapshot(serverCpuNanos(), os.getProcessCpuTime(), System.nanoTime());
  }

  String since(Snapshot start) {
    Snapshot end = now();
    double wall = (end.wallNanos() - start.wallNanos()) / 1e9;
    String client = String.format("client cpu %.1f s", (end.clientCpuNanos() - start.clientCpuNanos()) / 1e9);
    if (serverPid <= 0) return String.format("wall %.1f s, %s", wall, client);
    int cores = Runtime.getRuntime().availableProcessors();
    return String.format("wall %.1f s, server cpu %.1f s, %s (%d cores = %.1f cpu-s); server RSS %s, peak %s",
        wall, (end.serverCpuNanos() - start.serverCpuNanos()) / 1e9, client, cores, cores * wall, status("VmRSS"), status("VmHWM"));
  }

  /** user + system time of all the server's threads: fields 14 and 15 of /proc/pid/stat. */
  private long serverCpuNanos() {
    if (serverPid <= 0) return 0;
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(serverPid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000_000L / clockTicks;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** A memory line of /proc/pid/status, in MiB. */
  String status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(serverPid), "status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024 + " MiB";
        }
      }
    } catch (IOException | RuntimeException e) {
      return "?";
    }
    return "?";
  }
}
