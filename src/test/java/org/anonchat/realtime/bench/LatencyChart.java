package org.anonchat.realtime.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** A self-contained SVG line chart of latency percentiles per time bucket (no charting library). */
final class LatencyChart {

  private static final int WIDTH = 800;
  private static final int HEIGHT = 400;
  private static final int LEFT = 70;
  private static final int RIGHT = 130;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private record Series(String label, String colour, ToLongFunction<Latencies.Summary> value) {}

  private static final List<Series> SERIES = List.of(
      new Series("max", "#bbbbbb", Latencies.Summary::max),
      new Series("p99", "#d62728", Latencies.Summary::p99),
      new Series("p90", "#ff7f0e", Latencies.Summary::p90),
      new Series("p50", "#1f77b4", Latencies.Summary::p50));

  private LatencyChart() {}

  static String svg(String title, List<Timeline.Point> points) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    if (points.isEmpty()) {
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no latency samples</text>%n", LEFT, TOP + plotH / 2));
      return b.append("</svg>\n").toString();
    }
    double maxT = points.get(points.size() - 1).seconds();
    double maxMs = niceCeiling(points.stream().mapToLong(p -> p.latency().max()).max().orElse(1) / 1e6);
    // axes and grid
    b.append(String.format(Locale.ROOT, "<g stroke=\"#444\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>%n",
        LEFT, TOP, LEFT, TOP + plotH, LEFT, TOP + plotH, LEFT + plotW, TOP + plotH));
    for (int i = 0; i <= 5; i++) {
      double ms = maxMs * i / 5;
      double y = TOP + plotH - plotH * i / 5.0;
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + plotW, y, LEFT - 6, y + 4, label(ms)));
      double t = maxT * i / 5;
      double x = LEFT + plotW * i / 5.0;
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + plotH + 18, label(t)));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since the phase started</text>%n",
        LEFT + plotW / 2, HEIGHT - 10));
    b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">latency (ms)</text>%n",
        TOP + plotH / 2, TOP + plotH / 2));
    int legendY = TOP + 10;
    for (Series s : SERIES) {
      StringBuilder path = new StringBuilder();
      for (Timeline.Point p : points) {
        double x = LEFT + plotW * (maxT == 0 ? 0 : p.seconds() / maxT);
        double y = TOP + plotH - plotH * Math.min(1, s.value().applyAsLong(p.latency()) / 1e6 / maxMs);
        path.append(path.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
      }
      b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\" points=\"%s\"/>%n", s.colour(), path));
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
          + "<text x=\"%d\" y=\"%d\">%s</text>%n", WIDTH - RIGHT + 15, legendY, WIDTH - RIGHT + 40, legendY, s.colour(),
          WIDTH - RIGHT + 46, legendY + 4, s.label()));
      legendY += 20;
    }
    long samples = points.stream().mapToLong(p -> p.latency().count()).sum();
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#666\">%d samples</text>%n", WIDTH - RIGHT + 15, legendY + 4, samples));
    return b.append("</svg>\n").toString();
  }

  /** 1, 2 or 5 times a power of ten, at least {@code value}. */
  static double niceCeiling(double value) {
    if (value <= 0) return 1;
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) return step * power;
    }
    return 10 * power;
  }

  private static String label(double v) {
    return v >= 10 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
