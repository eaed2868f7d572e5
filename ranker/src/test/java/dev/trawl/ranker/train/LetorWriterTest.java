package dev.trawl.ranker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.Feature;
import dev.trawl.ranker.feature.FeatureMatrix;
import dev.trawl.ranker.feature.FeatureSchema;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LetorWriterTest {
  private static final FeatureSchema SCHEMA = new FeatureSchema(List.of(new Feature("a", 1, "first\nline"),
      new Feature("b", 2, "second"), new Feature("c", 1, "third")));

  @Test
  void writesSvmlightLinesWithMissingValuesLeftOut() throws Exception {
    StringWriter out = new StringWriter();
    LetorWriter w = new LetorWriter(out);
    w.header("test log", SCHEMA);
    w.write(new QueryCandidates("PLAIN-7", new FeatureMatrix(SCHEMA, List.of("d1", "d2"),
        new float[] {1.5f, Float.NaN, 3f, 0f, 2f, -0.25f}), new int[] {2, 0}));
    w.write(new QueryCandidates("q8", new FeatureMatrix(SCHEMA, List.of("d9"), new float[] {7, 8, 9}),
        new int[] {1}));
    assertEquals(List.of(
        "# trawl features: test log",
        "# 1 a@1: first line",
        "# 2 b@2: second",
        "# 3 c@1: third",
        "2 qid:1 1:1.5 3:3 # doc=d1 query=PLAIN-7 rank=1",
        "0 qid:1 1:0 2:2 3:-0.25 # doc=d2 query=PLAIN-7 rank=2",
        "1 qid:2 1:7 2:8 3:9 # doc=d9 query=q8 rank=1"), out.toString().lines().toList());
    assertEquals(2, w.queries());
  }

  @Test
  void holdOutIsSeededDisjointAndKeepsOrder() {
    List<Query> queries = IntStream.range(0, 50).mapToObj(i -> new Query("q" + i, "text " + i)).toList();
    List<List<Query>> a = RerankerTraining.holdOut(queries, 0.2, 42);
    List<List<Query>> b = RerankerTraining.holdOut(queries.reversed(), 0.2, 42);
    assertEquals(40, a.get(0).size());
    assertEquals(10, a.get(1).size());
    assertEquals(new HashSet<>(a.get(1)), new HashSet<>(b.get(1)), "the draw does not depend on file order");
    assertTrue(a.get(0).stream().noneMatch(a.get(1)::contains));
    assertTrue(queries.indexOf(a.get(1).get(0)) < queries.indexOf(a.get(1).get(1)), "input order kept");
    assertTrue(!new HashSet<>(a.get(1)).equals(new HashSet<>(RerankerTraining.holdOut(queries, 0.2, 7).get(1))));
  }
}
