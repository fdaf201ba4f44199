package org.anonchat.realtime.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server process costs, read from the outside: CPU time and resident memory from /proc, heap
 * in use (after a full GC when asked) through {@code jcmd}, plus this client's CPU time and the
 * machine's load average, so each figure can be judged against what else ran on the cores.
 */
final class Resources {

  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final long serverPid;
  private final long clockTicks;
  private final String jcmd;

  Resources(long serverPid, long clockTicks, String jcmd) {
    this.serverPid = serverPid;
    this.clockTicks = clockTicks;
    this.jcmd = jcmd;
  }

  /**
   * One reading. {@code threadTicks}: per group of the server's threads (the name in /proc/pid/task/tid/comm,
   * cut to 15 characters by Linux, with digits replaced by '#', so a pool's threads form one group) its user and
   * system clock ticks so far, to show which part of the server the CPU went to.
   */
  record Snapshot(long serverCpuNanos, Map<String, long[]> threadTicks, long clientCpuNanos, long wallNanos,
      long rssKib, String loadAverage) {

    /** user + system time of the JIT compiler threads ("C1/C2 CompilerThread"). */
    long serverJitNanos(long clockTicks) {
      long[] jit = threadTicks.getOrDefault(JIT_GROUP, new long[2]);
      return (jit[0] + jit[1]) * 1_000_000_000L / clockTicks;
    }
  }

  /** The compiler threads' group: compiling is a cost of warming up, not of the message path. */
  static final String JIT_GROUP = "C# CompilerThre";

  boolean knowsServer() {
    return serverPid > 0;
  }

  long clockTicks() {
    return clockTicks;
  }

  Snapshot now() {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Snapshot(serverCpuNanos(), serverThreadTicks(), os.getProcessCpuTime(), System.nanoTime(),
        statusKib("VmRSS"), loadAverage());
  }

  /**
   * Per thread group, user and system ticks (fields 14 and 15 of /proc/pid/task/tid/stat). Threads that ended
   * take their ticks with them, so a difference between two readings can slightly undercount a group.
   */
  private Map<String, long[]> serverThreadTicks() {
    Map<String, long[]> groups = new TreeMap<>();
    if (serverPid <= 0) return groups;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(serverPid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("\\d+", "#");
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long[] ticks = groups.computeIfAbsent(name, k -> new long[2]);
          ticks[0] += Long.parseLong(f[11]);
          ticks[1] += Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return groups;
    }
    return groups;
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

  /** A memory line of /proc/pid/status (VmRSS, VmHWM), in KiB; -1 when unknown. */
  long statusKib(String key) {
    if (serverPid <= 0) return -1;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(serverPid), "status"))) {
        if (line.startsWith(key + ":")) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** Open file descriptors of the server; -1 when unknown. */
  long openFiles() {
    if (serverPid <= 0) return -1;
    try (var files = Files.list(Path.of("/proc", Long.toString(serverPid), "fd"))) {
      return files.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The 1, 5 and 15 minute load averages of the machine, as /proc/loadavg prints them. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /**
   * The server's heap in use, in KiB, after a full GC ({@code jcmd <pid> GC.run}, then {@code GC.heap_info});
   * -1 when the pid or jcmd is unknown or jcmd fails. Two GCs in a row, since one may leave objects that
   * only became unreachable during it.
   */
  long heapAfterGcKib() {
    if (serverPid <= 0 || jcmd == null || jcmd.isEmpty()) return -1;
    if (jcmd("GC.run") == null || jcmd("GC.run") == null) return -1;
    String info = jcmd("GC.heap_info");
    if (info == null) return -1;
    Matcher m = HEAP_USED.matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * Bytes per class of live objects ({@code jcmd <pid> GC.class_histogram}, which runs a full GC first);
   * empty when unavailable. Two of these, subtracted, show which classes a run left behind.
   */
  java.util.Map<String, Long> classHistogram() {
    java.util.Map<String, Long> bytes = new java.util.HashMap<>();
    if (serverPid <= 0 || jcmd == null || jcmd.isEmpty()) return bytes;
    String out = jcmd("GC.class_histogram");
    if (out == null) return bytes;
    for (String line : out.split("\n")) {
      String[] f = line.trim().split("\\s+");
      // "   1:        123456       7890123  java.lang.String (java.base@17)"
      if (f.length >= 4 && f[0].endsWith(":") && f[2].matches("\\d+")) bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
    }
    return bytes;
  }

  /** The classes whose live bytes grew most between two histograms, largest first, as "class: +KiB (instances)". */
  static java.util.List<String> growth(java.util.Map<String, Long> before, java.util.Map<String, Long> after, int limit) {
    return after.entrySet().stream()
        .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .map(e -> e.getKey() + ": +" + e.getValue() / 1024 + " KiB")
        .toList();
  }

  private String jcmd(String command) {
    List<String> argv = new ArrayList<>(List.of(jcmd, Long.toString(serverPid), command));
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
