package dev.trawl.ranker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trawl.testing.SeededRandomExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class TreeEnsembleTest {

  @Test
  void scoresAsXgboostPredicts(Random random) throws Exception {
    int rows = 400;
    int cols = 6;
    float[] x = new float[rows * cols];
    float[] y = new float[rows];
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < cols; c++) {
        x[i * cols + c] = random.nextInt(8) == 0 ? Float.NaN : (float) random.nextGaussian();
      }
      float s = (Float.isNaN(x[i * cols]) ? 0 : x[i * cols]) - (Float.isNaN(x[i * cols + 3]) ? 0 : x[i * cols + 3]);
      y[i] = s > 0.5 ? 2 : s > 0 ? 1 : 0;
    }
    DMatrix d = new DMatrix(x, rows, cols, Float.NaN);
    d.setLabel(y);
    d.setGroup(new int[] {100, 100, 100, 100});
    Booster booster = XGBoost.train(d, Map.of("objective", "rank:pairwise", "max_depth", 5, "eta", 0.3,
        "seed", 3, "nthread", 1, "verbosity", 0), 40, Map.of(), null, null);
    float[][] expected = booster.predict(d, true);
    TreeEnsemble trees = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"));
    assertEquals(cols, trees.numFeatures());
    assertEquals(40, trees.numTrees());
    float[] got = trees.predict(x, rows, cols);
    for (int i = 0; i < rows; i++) {
      assertEquals(expected[i][0], got[i], 1e-5f * Math.max(1f, Math.abs(expected[i][0])), "row " + i);
    }
    booster.dispose();
    d.dispose();
    assertThrows(IllegalArgumentException.class, () -> trees.predict(x, rows / 2, cols * 2));
  }

  @Test
  void refusesWhatItCannotEvaluate() {
    assertThrows(IllegalArgumentException.class,
        () -> TreeEnsemble.fromXgboostJson("not json".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> TreeEnsemble.fromXgboostJson(
        "{\"learner\":{\"gradient_booster\":{\"name\":\"dart\"}}}".getBytes(StandardCharsets.UTF_8)));
  }
}
