package dev.trawl.ranker.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SequencedMap;

/**
 * A self-contained HTML page comparing runs on one set of qrels: the metric table of a
 * {@link RunComparison} (means, differences to the baseline, per-query wins/losses/ties and
 * paired randomization p-values), Recall@K curves for K from 1 to 1000 (log scale) for every
 * run, and for every other run against the baseline a per-query win/loss chart (one bar per
 * query, sorted by difference). Charts are inline SVG; there are no scripts, fonts or links to
 * anything outside the page. The markup is well-formed XML (XHTML syntax) so it can be checked
 * by any XML parser.
 */
public final class ComparisonReport {
  /** Largest K of the recall curves. */
  public static final int MAX_K = 1000;

  /** Metrics that get a per-query win/loss chart, when the comparison has them. */
  static final List<String> CHART_METRICS = List.of("ndcg@10", "recall@20", "recall@50", "recall@100");

  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
      "#e377c2", "#17becf"};

  private ComparisonReport() {}

  /** Writes the page to {@code file} (UTF-8). */
  public static void write(Path file, String title, Qrels qrels, SequencedMap<String, Run> runs,
      RunComparison comparison) throws IOException {
    write(file, title, List.of(), qrels, runs, comparison);
  }

  /**
   * Writes the page to {@code file} (UTF-8).
   *
   * @param notes lines shown under the title, as plain text: when and how the runs were made
   *     (date, command line, which model reranked which run, ...)
   */
  public static void write(Path file, String title, List<String> notes, Qrels qrels, SequencedMap<String, Run> runs,
      RunComparison comparison) throws IOException {
    Files.writeString(file, render(title, notes, qrels, runs, comparison), StandardCharsets.UTF_8);
  }

  /** The page. */
  public static String render(String title, Qrels qrels, SequencedMap<String, Run> runs, RunComparison comparison) {
    return render(title, List.of(), qrels, runs, comparison);
  }

  /** The page, with {@code notes} under the title (one paragraph each, plain text). */
  public static String render(String title, List<String> notes, Qrels qrels, SequencedMap<String, Run> runs,
      RunComparison comparison) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n<title>").append(esc(title)).append("</title>\n")
        .append("<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}")
        .append("table{border-collapse:collapse;margin:12px 0}th,td{padding:3px 10px;border-bottom:1px solid #ddd;")
        .append("text-align:right}th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}")
        .append(".sig{font-weight:bold}.up{color:#1a7f37}.down{color:#c62828}")
        .append(".note{color:#555;margin:4px 0}")
        .append("svg{background:#fff;border:1px solid #ddd;margin:8px 0}")
        .append("svg text{font-size:11px;fill:#333}.legend text{font-size:12px}")
        .append("\n</style>\n</head>\n<body>\n");
    h.append("<h1>").append(esc(title)).append("</h1>\n");
    for (String note : notes) {
      h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
    }
    h.append("<p>").append(qrels.queryCount()).append(" judged queries; baseline <b>").append(esc(comparison.baseline()))
        .append("</b>. p-values: two-sided paired randomization test; bold when p &lt; 0.05.</p>\n");
    table(h, comparison);
    h.append("<h2>Recall@K, K = 1 to ").append(MAX_K).append("</h2>\n");
    List<RecallCurve> curves = new ArrayList<>();
    runs.forEach((name, run) -> curves.add(RecallCurve.of(name, qrels, run, MAX_K)));
    recallChart(h, curves);
    recallTable(h, curves);
    h.append("<h2>Per-query wins and losses against ").append(esc(comparison.baseline())).append("</h2>\n");
    List<String> names = comparison.runs();
    for (String run : names.subList(1, names.size())) {
      for (String metric : comparison.metrics()) {
        if (CHART_METRICS.contains(metric) || metric.equals(comparison.metrics().get(0))) {
          winLossChart(h, comparison, run, metric);
        }
      }
    }
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static void table(StringBuilder h, RunComparison c) {
    h.append("<table>\n<tr><th>metric</th><th>run</th><th>mean</th><th>delta</th><th>wins</th><th>losses</th>")
        .append("<th>ties</th><th>p</th></tr>\n");
    for (String metric : c.metrics()) {
      h.append("<tr><td>").append(esc(metric)).append("</td><td>").append(esc(c.baseline())).append("</td><td>")
          .append(f4(c.mean(c.baseline(), metric))).append("</td><td>baseline</td><td></td><td></td><td></td><td></td>")
          .append("</tr>\n");
      for (String run : c.runs().subList(1, c.runs().size())) {
        MetricComparison m = c.comparison(run, metric);
        String cls = m.delta() > 0 ? "up" : m.delta() < 0 ? "down" : "";
        h.append("<tr><td>").append(esc(metric)).append("</td><td>").append(esc(run)).append("</td><td>")
            .append(f4(m.mean())).append("</td><td class=\"").append(cls).append("\">")
            .append(String.format(Locale.ROOT, "%+.4f", m.delta())).append("</td><td>").append(m.wins())
            .append("</td><td>").append(m.losses()).append("</td><td>").append(m.ties()).append("</td><td")
            .append(m.significantAt(0.05) ? " class=\"sig\"" : "").append('>').append(f4(m.pValue()))
            .append("</td></tr>\n");
      }
    }
    h.append("</table>\n");
  }

  private static void recallTable(StringBuilder h, List<RecallCurve> curves) {
    int[] ks = {1, 5, 10, 20, 50, 100, 200, 500, 1000};
    h.append("<table>\n<tr><th>run</th><th></th>");
    for (int k : ks) {
      h.append("<th>R@").append(k).append("</th>");
    }
    h.append("</tr>\n");
    for (RecallCurve c : curves) {
      h.append("<tr><td>").append(esc(c.run())).append("</td><td></td>");
      for (int k : ks) {
        h.append("<td>").append(f4(c.at(k))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void recallChart(StringBuilder h, List<RecallCurve> curves) {
    int w = 760;
    int ht = 380;
    int left = 50;
    int right = 170;
    int top = 15;
    int bottom = 35;
    double pw = w - left - right;
    double ph = ht - top - bottom;
    double lo = 1;
    for (RecallCurve c : curves) {
      lo = Math.min(lo, c.values()[0]);
    }
    double yMin = Math.max(0, Math.floor(lo * 10) / 10);
    double logMax = Math.log10(MAX_K);
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(ht)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(ht).append("\" role=\"img\">\n")
        .append("<title>Recall@K for K = 1..").append(MAX_K).append("</title>\n");
    for (int k : new int[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
      double x = left + pw * Math.log10(k) / logMax;
      h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>",
          x, top, x, top + ph));
      h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>%n", x,
          top + ph + 14, k));
    }
    for (double y = yMin; y <= 1.0001; y += 0.1) {
      double py = top + ph * (1 - (y - yMin) / (1 - yMin));
      h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>",
          left, py, left + pw, py));
      h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n", left - 5,
          py + 4, y));
    }
    h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">K (log scale)</text>%n",
        left + pw / 2, ht - 4));
    h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
        + "stroke=\"#999\"/>%n", left, top, pw, ph));
    for (int i = 0; i < curves.size(); i++) {
      RecallCurve c = curves.get(i);
      String color = COLORS[i % COLORS.length];
      StringBuilder pts = new StringBuilder();
      for (int k = 1; k <= MAX_K; k++) {
        double x = left + pw * Math.log10(k) / logMax;
        double y = top + ph * (1 - (c.at(k) - yMin) / (1 - yMin));
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      h.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.8\" points=\"")
          .append(pts.toString().strip()).append("\"><title>").append(esc(c.run())).append("</title></polyline>\n");
      double ly = top + 12 + i * 18;
      h.append("<g class=\"legend\">").append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>", left + pw + 12,
          ly, left + pw + 32, ly, color)).append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%.1f\">%s</text>", left + pw + 38, ly + 4, esc(c.run()))).append("</g>\n");
    }
    h.append("</svg>\n");
  }

  private static void winLossChart(StringBuilder h, RunComparison c, String run, String metric) {
    EvalReport base = c.reports().get(c.baseline());
    EvalReport other = c.reports().get(run);
    List<String> qids = base.queryIds();
    double[] x = base.column(metric);
    double[] y = other.column(metric);
    Integer[] order = new Integer[qids.size()];
    double maxAbs = 1e-9;
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      maxAbs = Math.max(maxAbs, Math.abs(y[i] - x[i]));
    }
    Arrays.sort(order, (a, b) -> Double.compare(y[b] - x[b], y[a] - x[a]));
    MetricComparison m = c.comparison(run, metric);
    int w = 760;
    int ht = 200;
    int left = 50;
    int top = 10;
    int bottom = 20;
    double pw = w - left - 10;
    double ph = ht - top - bottom;
    double mid = top + ph / 2;
    double bw = pw / Math.max(1, order.length);
    h.append("<h3>").append(esc(run)).append(" vs ").append(esc(c.baseline())).append(", ").append(esc(metric))
        .append(": ").append(m.wins()).append(" wins, ").append(m.losses()).append(" losses, ").append(m.ties())
        .append(" ties, mean delta ").append(String.format(Locale.ROOT, "%+.4f", m.delta())).append(", p = ")
        .append(f4(m.pValue())).append("</h3>\n");
    h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(ht)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(ht).append("\" role=\"img\">\n")
        .append("<title>").append(esc(run + " minus " + c.baseline() + " on " + metric + ", per query"))
        .append("</title>\n");
    h.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\"/>%n",
        left, mid, left + pw, mid));
    h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%+.2f</text>", left - 5,
        top + 8.0, maxAbs));
    h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">0</text>", left - 5, mid + 4));
    h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%+.2f</text>%n", left - 5,
        top + ph, -maxAbs));
    for (int i = 0; i < order.length; i++) {
      int q = order[i];
      double d = y[q] - x[q];
      if (d == 0) {
        continue;
      }
      double bh = Math.abs(d) / maxAbs * (ph / 2);
      double bx = left + i * bw;
      double by = d > 0 ? mid - bh : mid;
      h.append(String.format(Locale.ROOT,
          "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"><title>%s: %+.4f</title></rect>%n",
          bx, by, Math.max(0.5, bw * 0.9), bh, d > 0 ? "#2e7d32" : "#c62828", esc(qids.get(q)), d));
    }
    h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d queries, sorted by "
        + "difference (ties in the middle, not drawn)</text>%n", left + pw / 2, ht - 4, order.length));
    h.append("</svg>\n");
  }

  private static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
