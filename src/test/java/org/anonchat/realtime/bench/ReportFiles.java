package org.anonchat.realtime.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes each scenario's result as {@code <name>.json}, {@code <name>.md} and {@code <name>-latency.svg}
 * (the chart of delivery latency over time), and a {@code summary.md} with one row per scenario.
 */
final class ReportFiles {

  private ReportFiles() {}

  static List<Path> write(Path dir, Result r, Map<String, Object> run) throws IOException {
    Files.createDirectories(dir);
    Path json = dir.resolve(r.name + ".json");
    Path md = dir.resolve(r.name + ".md");
    Path svg = dir.resolve(r.name + "-latency.svg");
    Files.writeString(json, json(r, run));
    Files.writeString(md, markdown(r, run, svg.getFileName().toString()));
    Files.writeString(svg, LatencyChart.svg(r.name + ": " + r.chart, r.timeline));
    return List.of(json, md, svg);
  }

  static Path summary(Path dir, List<Result> results, Map<String, Object> run) throws IOException {
    StringBuilder b = new StringBuilder("# Benchmark summary\n\n");
    run.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append("\n| scenario | verdict | deliveries/s | p50 ms | p90 ms | p99 ms | max ms | loss | dup | ready p99 ms"
        + " | server CPU µs/delivery | RSS/conn KiB | heap/conn KiB | load avg (start) |\n");
    b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Result r : results) {
      b.append("| ").append(r.name).append(" | ").append(r.verdict())
          .append(" | ").append(cell(r.figures.get("deliveries_per_s")))
          .append(" | ").append(cell(r.get("latency", "p50_ms")))
          .append(" | ").append(cell(r.get("latency", "p90_ms")))
          .append(" | ").append(cell(r.get("latency", "p99_ms")))
          .append(" | ").append(cell(r.get("latency", "max_ms")))
          .append(" | ").append(cell(r.figures.get("loss")))
          .append(" | ").append(cell(r.figures.get("duplicates")))
          .append(" | ").append(cell(r.get("ready", "p99_ms")))
          .append(" | ").append(cell(r.get("server", "cpu_us_per_delivery")))
          .append(" | ").append(cell(r.get("server", "rss_per_connection_kib")))
          .append(" | ").append(cell(r.get("server", "heap_per_connection_kib")))
          .append(" | ").append(cell(r.get("load_average", "start")))
          .append(" |\n");
    }
    Path file = dir.resolve("summary.md");
    Files.createDirectories(dir);
    Files.writeString(file, b.toString());
    return file;
  }

  private static String cell(Object value) {
    return value == null ? "–" : String.valueOf(value);
  }

  static String json(Result r, Map<String, Object> run) {
    JsonObjectBuilder o = Json.createObjectBuilder()
        .add("scenario", r.name)
        .add("verdict", r.verdict())
        .add("run", object(run))
        .add("settings", object(r.settings))
        .add("figures", object(r.figures))
        .add("failures", array(r.failures))
        .add("warnings", array(r.warnings))
        .add("notes", array(r.notes));
    JsonArrayBuilder points = Json.createArrayBuilder();
    for (Timeline.Point p : r.timeline) {
      points.add(object(Map.of("t_s", p.seconds())).addAll(object(p.latency().asMap())));
    }
    o.add("latency_over_time", points);
    StringWriter out = new StringWriter();
    try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      writer.writeObject(o.build());
    }
    return out.toString().trim() + "\n";
  }

  private static JsonObjectBuilder object(Map<String, ?> map) {
    JsonObjectBuilder o = Json.createObjectBuilder();
    map.forEach((k, v) -> {
      if (v == null) o.addNull(k);
      else if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) m;
        o.add(k, object(nested));
      } else if (v instanceof Collection<?> c) o.add(k, array(c));
      else if (v instanceof Integer || v instanceof Long) o.add(k, ((Number) v).longValue());
      else if (v instanceof Number n) o.add(k, n.doubleValue());
      else if (v instanceof Boolean bool) o.add(k, bool);
      else o.add(k, v.toString());
    });
    return o;
  }

  private static JsonArrayBuilder array(Collection<?> items) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    for (Object item : items) a.add(String.valueOf(item));
    return a;
  }

  static String markdown(Result r, Map<String, Object> run, String chart) {
    StringBuilder b = new StringBuilder("# ").append(r.name).append(": ").append(r.verdict()).append("\n\n");
    run.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append("- settings: ");
    List<String> settings = new ArrayList<>();
    r.settings.forEach((k, v) -> settings.add(k + "=" + v));
    b.append(String.join(", ", settings)).append("\n\n| figure | value |\n|---|---|\n");
    flatten("", r.figures, b);
    b.append('\n');
    for (String f : r.failures) b.append("- FAIL ").append(f).append('\n');
    for (String w : r.warnings) b.append("- WARN ").append(w).append('\n');
    for (String n : r.notes) b.append("- ").append(n).append('\n');
    b.append("\n![").append(r.chart).append("](").append(chart).append(")\n");
    return b.toString();
  }

  private static void flatten(String prefix, Map<String, ?> map, StringBuilder b) {
    map.forEach((k, v) -> {
      String key = prefix.isEmpty() ? k : prefix + "." + k;
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) m;
        flatten(key, nested, b);
      } else {
        b.append("| ").append(key).append(" | ").append(v).append(" |\n");
      }
    });
  }
}
