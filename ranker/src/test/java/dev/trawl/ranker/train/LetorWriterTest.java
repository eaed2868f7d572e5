package dev.trawl.ranker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.Feature;
import dev.trawl.ranker.feature.FeatureMatrix;
import dev.trawl.ranker.feature.FeatureSchema;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetorWriterTest {
  private static final FeatureSchema SCHEMA = new FeatureSchema(List.of(new Feature("a", 1, "first\nline"),
      new Feature("b", 2, "second"), new Feature("c", 1, "third")));

  @Test
  void writesOnlyDataLinesWithMissingValuesLeftOutAndPositionsAsQids() throws Exception {
    StringWriter out = new StringWriter();
    LetorWriter w = new LetorWriter(out);
    assertEquals(1, w.write(new QueryCandidates("PLAIN-7", new FeatureMatrix(SCHEMA, List.of("d1", "d2"),
        new float[] {1.5f, Float.NaN, 3f, 0f, 2f, -0.25f}), new int[] {2, 0})));
    assertEquals(2, w.write(new QueryCandidates("q8", new FeatureMatrix(SCHEMA, List.of("d9"),
        new float[] {7, 8, 9}), new int[] {1})));
    assertEquals(List.of(
        "2 qid:1 1:1.5 3:3 # doc=d1 query=PLAIN-7 rank=1",
        "0 qid:1 1:0 2:2 3:-0.25 # doc=d2 query=PLAIN-7 rank=2",
        "1 qid:2 1:7 2:8 3:9 # doc=d9 query=q8 rank=1"), out.toString().lines().toList());
    assertEquals(2, w.queries());
    assertEquals(3, w.rows());

    StringWriter features = new StringWriter();
    w.writeFeatureTable(features, SCHEMA);
    assertEquals(List.of(
        "index\tname\tversion\tmissing_rows\tmissing_written_as\tdefinition",
        "1\ta\t1\t0\tabsent\tfirst line",
        "2\tb\t2\t1\tabsent\tsecond",
        "3\tc\t1\t0\tabsent\tthird"), features.toString().lines().toList());
    StringWriter qids = new StringWriter();
    w.writeQidTable(qids);
    assertEquals(List.of("qid\tquery_id\tcandidates", "1\tPLAIN-7\t2", "2\tq8\t1"),
        qids.toString().lines().toList());
  }

  @Test
  void integerQueryIdsAreTheQidsInOrderAndMissingValuesCanBeWritten() throws Exception {
    List<QueryCandidates> queries = List.of(query("13", 2), query("3", 1), query("0", 1));
    LetorWriter.Qids qids = LetorWriter.Qids.forQueryIds(queries.stream().map(QueryCandidates::queryId).toList());
    assertEquals(LetorWriter.Qids.QUERY_IDS, qids);
    StringWriter out = new StringWriter();
    LetorWriter w = new LetorWriter(out, qids, -1000000f);
    for (QueryCandidates q : qids.order(queries)) {
      w.write(q);
    }
    List<String> lines = out.toString().lines().toList();
    assertEquals("1 qid:0 1:0 2:-1000000 3:1 # doc=d0_0 query=0 rank=1", lines.get(0));
    assertEquals(List.of(0L, 3L, 13L), w.qidEntries().stream().map(LetorWriter.QidEntry::qid).toList(),
        "sorted by qid");
    StringWriter features = new StringWriter();
    w.writeFeatureTable(features, SCHEMA);
    assertEquals("2\tb\t2\t3\t-1000000\tsecond", features.toString().lines().toList().get(2));

    assertEquals(LetorWriter.Qids.POSITIONS, LetorWriter.Qids.forQueryIds(List.of("1", "007")),
        "a leading zero would be lost");
    assertEquals(LetorWriter.Qids.POSITIONS, LetorWriter.Qids.forQueryIds(List.of("1", "PLAIN-2")));
    assertEquals(LetorWriter.Qids.POSITIONS, LetorWriter.Qids.forQueryIds(List.of("12345678901")),
        "too large for 32-bit readers");
    assertThrows(IllegalArgumentException.class, () -> new LetorWriter(new StringWriter(),
        LetorWriter.Qids.QUERY_IDS, Float.NaN).write(query("PLAIN-2", 1)));
  }

  /** The log loads as it is into XGBoost's libsvm reader, one group per query, and trains a ranker. */
  @Test
  void xgboostLoadsTheLogWithOneGroupPerQuery(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("f.letor");
    List<QueryCandidates> queries = List.of(query("PLAIN-1", 3), query("PLAIN-2", 2), query("PLAIN-3", 4));
    try (Writer w = Files.newBufferedWriter(file)) {
      LetorWriter letor = new LetorWriter(w);
      for (QueryCandidates q : queries) {
        letor.write(q);
      }
    }
    DMatrix d = new DMatrix(file + "?format=libsvm&indexing_mode=1");
    try {
      assertEquals(9, d.rowNum());
      assertArrayEquals(new int[] {0, 3, 5, 9}, d.getGroup(), "group boundaries: one group per query");
      assertArrayEquals(new float[] {1, 0, 0, 1, 0, 1, 0, 0, 0}, d.getLabel());
      assertEquals(9 * 3 - 5, d.nonMissingNum(), "feature b is missing on 5 rows");
      Booster b = XGBoost.train(d, Map.of("objective", "rank:ndcg", "nthread", 1, "seed", 1, "verbosity", 0), 2,
          Map.of(), null, null);
      assertEquals(SCHEMA.size(), (int) b.getNumFeature(), "with indexing_mode=1, feature N is column N-1");
      b.dispose();
    } finally {
      d.dispose();
    }
  }

  /** Query {@code id} with {@code n} candidates: the first relevant, feature b missing on even rows. */
  private static QueryCandidates query(String id, int n) {
    float[] v = new float[n * 3];
    int[] labels = new int[n];
    List<String> docs = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      v[i * 3] = i == 0 ? 0 : 0.5f + i;
      v[i * 3 + 1] = i % 2 == 0 ? Float.NaN : 1e-5f * i;
      v[i * 3 + 2] = i + 1;
      labels[i] = i == 0 ? 1 : 0;
      docs.add("d" + id + "_" + i);
    }
    return new QueryCandidates(id, new FeatureMatrix(SCHEMA, docs, v), labels);
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
