package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Golden test: our metrics on a synthetic qrels and run equal the numbers trec_eval printed for
 * the same files ({@code parity/README.md} tells how they were made). trec_eval prints 4
 * decimals, so values must agree to within half a unit of the 4th decimal.
 */
class TrecEvalParityTest {
  private static final String DIR = "parity/";
  private static final double PRINTED = 0.5e-4 + 1e-12;

  /** trec_eval measure name to ours. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("ndcg_cut_1", "ndcg@1"),
          Map.entry("ndcg_cut_3", "ndcg@3"),
          Map.entry("ndcg_cut_5", "ndcg@5"),
          Map.entry("ndcg_cut_10", "ndcg@10"),
          Map.entry("ndcg_cut_100", "ndcg@100"),
          Map.entry("recall_1", "recall@1"),
          Map.entry("recall_5", "recall@5"),
          Map.entry("recall_10", "recall@10"),
          Map.entry("recall_100", "recall@100"),
          Map.entry("P_1", "p@1"),
          Map.entry("P_5", "p@5"),
          Map.entry("P_10", "p@10"),
          Map.entry("map", "map"),
          Map.entry("recip_rank", "mrr"));

  private record Line(String measure, String query, double value) {}

  @Test
  void allMetricsMatchTrecEvalMinusC() throws IOException {
    Qrels qrels = Qrels.readTrec(reader("qrels.txt"), "qrels.txt");
    Run run = Run.readTrec(reader("run.txt"), "run.txt");
    EvalReport report =
        new Evaluator(NAMES.values().stream().map(Metric::parse).toList()).evaluate(qrels, run);

    List<Line> expected = trecEvalOutput("trec_eval-c-q.txt");

    assertMatches(expected, report, NAMES);
    // trec_eval -q prints no line for q13, missing from the run, but -c counts it in "all".
    Set<String> printed = new TreeSet<>();
    expected.forEach(l -> printed.add(l.query()));
    printed.remove("all");
    Set<String> evaluated = new TreeSet<>(report.queryIds());
    evaluated.removeAll(report.missingFromRun());
    assertEquals(printed, evaluated);
    assertEquals(30, report.queryCount());
  }

  @Test
  void mrrAtTenMatchesTrecEvalWithMaxTenRetrieved() throws IOException {
    Qrels qrels = Qrels.readTrec(reader("qrels.txt"), "qrels.txt");
    Run run = Run.readTrec(reader("run.txt"), "run.txt");
    EvalReport report = Evaluator.of("mrr@10").evaluate(qrels, run);

    assertMatches(trecEvalOutput("trec_eval-c-q-M10.txt"), report, Map.of("recip_rank", "mrr@10"));
  }

  @Test
  void rewrittenRunGivesTheSameNumbers() throws IOException {
    // The fixture's rank column is shuffled relative to its scores; our writer emits the order
    // trec_eval reconstructs, so evaluating the rewritten file changes nothing.
    Qrels qrels = Qrels.readTrec(reader("qrels.txt"), "qrels.txt");
    Run run = Run.readTrec(reader("run.txt"), "run.txt");
    StringWriter out = new StringWriter();
    run.writeTrec(out);
    Run rewritten = Run.readTrec(new BufferedReader(new StringReader(out.toString())), "rewritten");
    Evaluator evaluator = Evaluator.of("ndcg@10", "map", "mrr");

    assertEquals(evaluator.evaluate(qrels, run), evaluator.evaluate(qrels, rewritten));
  }

  private static void assertMatches(
      List<Line> expected, EvalReport report, Map<String, String> names) {
    int checked = 0;
    for (Line line : expected) {
      String ours = names.get(line.measure());
      if (ours == null) {
        continue;
      }
      double actual =
          line.query().equals("all") ? report.mean(ours) : report.value(line.query(), ours);
      assertEquals(line.value(), actual, PRINTED, line.measure() + " " + line.query());
      checked++;
    }
    assertEquals(expected.size(), checked, "every trec_eval line was checked");
  }

  private static List<Line> trecEvalOutput(String name) throws IOException {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader reader = reader(name)) {
      String line;
      while ((line = reader.readLine()) != null) {
        String[] f = line.strip().split("\\s+");
        lines.add(new Line(f[0], f[1], Double.parseDouble(f[2])));
      }
    }
    return lines;
  }

  private static BufferedReader reader(String name) throws IOException {
    InputStream in = TrecEvalParityTest.class.getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IOException("missing test resource " + DIR + name);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
