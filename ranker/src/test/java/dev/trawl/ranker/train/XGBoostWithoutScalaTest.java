package dev.trawl.ranker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;

/**
 * xgboost4j declares scala-compiler (which brings scala-reflect and scala-xml); Trawl excludes
 * them. This proves they are absent from the test classpath (which is the runtime classpath plus
 * test libraries) and that XGBoost's Java API still loads its native library from the jar, trains
 * a ranking model, predicts and round-trips it through JSON.
 */
class XGBoostWithoutScalaTest {

  @Test
  void scalaToolingIsNotOnTheClasspath() {
    for (String cls : List.of("scala.tools.nsc.Global", "scala.reflect.api.Universe", "scala.xml.Elem")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(cls), cls + " should be excluded");
    }
    String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
    for (String entry : entries) {
      String name = new File(entry).getName();
      assertFalse(name.startsWith("scala-compiler") || name.startsWith("scala-reflect")
          || name.startsWith("scala-xml"), "excluded jar on the classpath: " + entry);
    }
    assertTrue(Arrays.stream(entries).anyMatch(e -> new File(e).getName().startsWith("xgboost4j")),
        "xgboost4j itself is on the classpath");
  }

  @Test
  void trainsAndPredictsWithTheBundledNativeLibrary() throws Exception {
    // two queries of four documents; relevance follows the first feature
    float[] x = {0.9f, 0.1f, 0.8f, 0.5f, 0.1f, 0.7f, 0.2f, Float.NaN,
        0.95f, 0.3f, 0.05f, 0.2f, 0.7f, 0.9f, 0.3f, 0.4f};
    float[] y = {1, 1, 0, 0, 1, 0, 1, 0};
    DMatrix d = new DMatrix(x, 8, 2, Float.NaN);
    d.setLabel(y);
    d.setGroup(new int[] {4, 4});
    Map<String, Object> params = Map.of("objective", "rank:ndcg", "max_depth", 2, "eta", 0.5, "seed", 1,
        "nthread", 1, "min_child_weight", 0.0, "verbosity", 0);
    Booster booster = XGBoost.train(d, params, 10, Map.of(), null, null);
    float[][] p = booster.predict(d);
    assertEquals(8, p.length);
    assertTrue(p[0][0] > p[2][0], "a relevant document outscores an irrelevant one of its query");
    Booster again = XGBoost.loadModel(booster.toByteArray("json"));
    assertEquals(p[5][0], again.predict(d)[5][0], 0f, "the JSON model predicts the same");
    booster.dispose();
    again.dispose();
    d.dispose();
  }
}
