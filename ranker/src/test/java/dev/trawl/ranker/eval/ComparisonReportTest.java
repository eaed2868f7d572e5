package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.testing.SeededRandomExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SequencedMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@ExtendWith(SeededRandomExtension.class)
class ComparisonReportTest {

  private record Fixture(Qrels qrels, SequencedMap<String, Run> runs) {}

  /** 30 queries with 1-4 relevant documents among 1,500; three runs rank them ever higher. */
  private static Fixture fixture(Random random) {
    Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
    SequencedMap<String, Run> runs = new LinkedHashMap<>();
    List<Map<String, List<String>>> rankings = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(),
        new LinkedHashMap<>());
    for (int q = 0; q < 30; q++) {
      Map<String, Integer> rel = new LinkedHashMap<>();
      int n = 1 + random.nextInt(4);
      for (int r = 0; r < n; r++) {
        rel.put("q" + q + "r" + r, 1);
      }
      judged.put("q" + q, rel);
      for (int run = 0; run < 3; run++) {
        List<String> docs = new ArrayList<>();
        for (int d = 0; d < 1500; d++) {
          docs.add("d" + d);
        }
        Collections.shuffle(docs, random);
        for (String r : rel.keySet()) {
          // better runs put relevant documents higher
          int pos = random.nextInt(run == 0 ? 1500 : run == 1 ? 300 : 50);
          if (random.nextInt(5) > 0 || run == 0) {
            docs.add(pos, r);
          }
        }
        rankings.get(run).put("q" + q, docs.subList(0, Math.min(docs.size(), 1200)));
      }
    }
    runs.put("bm25 & friends", Run.fromRankings("a", rankings.get(0)));
    runs.put("hybrid", Run.fromRankings("b", rankings.get(1)));
    runs.put("rerank", Run.fromRankings("c", rankings.get(2)));
    return new Fixture(Qrels.of(judged), runs);
  }

  @Test
  void recallCurveMatchesTheEvaluator(Random random) {
    Fixture fx = fixture(random);
    Qrels qrels = fx.qrels();
    for (Run run : fx.runs().values()) {
      RecallCurve curve = RecallCurve.of("x", qrels, run, 1000);
      for (int k : new int[] {1, 7, 20, 100, 999, 1000}) {
        assertEquals(Evaluator.of("recall@" + k).evaluate(qrels, run).mean("recall@" + k), curve.at(k), 1e-12);
      }
    }
  }

  @Test
  void pageIsSelfContainedWellFormedAndComplete(Random random) throws Exception {
    Fixture fx = fixture(random);
    Qrels qrels = fx.qrels();
    SequencedMap<String, Run> runs = fx.runs();
    RunComparison c = RunComparison.compare(qrels, runs, Evaluator.of("ndcg@10", "recall@20", "recall@100"),
        new PairedRandomizationTest(1));
    String html = ComparisonReport.render("Runs <compared> & checked", qrels, runs, c);

    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    String svg = "http://www.w3.org/2000/svg";
    NodeList charts = doc.getElementsByTagNameNS(svg, "svg");
    // one recall chart, then per compared run (2) a chart per metric (3)
    assertEquals(1 + 2 * 3, charts.getLength());
    assertEquals(runs.size(), doc.getElementsByTagNameNS(svg, "polyline").getLength(), "one curve per run");
    String points = doc.getElementsByTagNameNS(svg, "polyline").item(0).getAttributes().getNamedItem("points")
        .getNodeValue();
    assertEquals(1000, points.split(" ").length, "a point for every K from 1 to 1000");
    assertTrue(html.contains("Runs &lt;compared&gt; &amp; checked"));
    assertTrue(html.contains("bm25 &amp; friends"));
    for (String external : List.of("<script", "src=", "href=", "@import", "url(")) {
      assertFalse(html.contains(external), "no external or active content: " + external);
    }
    MetricComparison m = c.comparison("rerank", "recall@100");
    assertTrue(html.contains(m.wins() + " wins, " + m.losses() + " losses, " + m.ties() + " ties"));
  }
}
