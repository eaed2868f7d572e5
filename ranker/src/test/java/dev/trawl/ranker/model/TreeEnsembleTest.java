package dev.trawl.ranker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trawl.testing.SeededRandomExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
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

    // The same trees reading their 6 features from shuffled columns of 9-column rows, the other
    // 3 columns holding noise: the scores do not change.
    int width = 9;
    List<Integer> slots = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8));
    Collections.shuffle(slots, random);
    int[] columns = slots.subList(0, cols).stream().mapToInt(Integer::intValue).toArray();
    float[] wide = new float[rows * width];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = (float) random.nextGaussian() * 100;
    }
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < cols; c++) {
        wide[i * width + columns[c]] = x[i * cols + c];
      }
    }
    TreeEnsemble remapped = trees.readingColumns(columns, width);
    assertEquals(width, remapped.numFeatures());
    float[] wideScores = remapped.predict(wide, rows, width);
    for (int i = 0; i < rows; i++) {
      assertEquals(got[i], wideScores[i], 1e-6f, "row " + i);
    }
    assertThrows(IllegalArgumentException.class, () -> trees.readingColumns(new int[] {0, 1}, width));
    assertThrows(IllegalArgumentException.class, () -> trees.readingColumns(new int[] {0, 1, 2, 3, 4, 9}, width));
  }

  @Test
  void aLoneLeafAndShallowLeavesScoreTheirValues() {
    // tree 0: a lone leaf; tree 1: f0 < 1 ? leaf 0.25 : (f1 < 2 ? leaf 1 : leaf 2), missing f1 goes right
    String json = model(2, "0.5",
        tree(new int[] {-1}, new int[] {-1}, new int[] {0}, new double[] {0.125}, new int[] {0}),
        tree(new int[] {1, -1, 3, -1, -1}, new int[] {2, -1, 4, -1, -1}, new int[] {0, 0, 1, 0, 0},
            new double[] {1, 0.25, 2, 1, 2}, new int[] {1, 0, 0, 0, 0}));
    TreeEnsemble trees = TreeEnsemble.fromXgboostJson(json.getBytes(StandardCharsets.UTF_8));
    float[] rows = {0, 0, 5, 0, 5, 3, 5, Float.NaN, Float.NaN, 9};
    float[] got = trees.predict(rows, 5, 2);
    float[] expected = {0.875f, 1.625f, 2.625f, 2.625f, 0.875f}; // NaN f0 goes left (default_left 1)
    for (int i = 0; i < 5; i++) {
      assertEquals(expected[i], got[i], 1e-6f, "row " + i);
      assertEquals(expected[i], trees.score(rows, i * 2), 1e-6f, "row " + i);
    }
  }

  private static String tree(int[] left, int[] right, int[] split, double[] condition, int[] defaultLeft) {
    return "{\"left_children\":" + Arrays.toString(left) + ",\"right_children\":" + Arrays.toString(right)
        + ",\"split_indices\":" + Arrays.toString(split) + ",\"split_conditions\":" + Arrays.toString(condition)
        + ",\"default_left\":" + Arrays.toString(defaultLeft) + "}";
  }

  private static String model(int features, String baseScore, String... trees) {
    return "{\"learner\":{\"learner_model_param\":{\"num_feature\":\"" + features + "\",\"base_score\":\""
        + baseScore + "\"},\"gradient_booster\":{\"name\":\"gbtree\",\"model\":{\"trees\":["
        + String.join(",", trees) + "]}}}}";
  }

  @Test
  void refusesWhatItCannotEvaluate() {
    assertThrows(IllegalArgumentException.class,
        () -> TreeEnsemble.fromXgboostJson("not json".getBytes(StandardCharsets.UTF_8)));
    assertThrows(IllegalArgumentException.class, () -> TreeEnsemble.fromXgboostJson(
        "{\"learner\":{\"gradient_booster\":{\"name\":\"dart\"}}}".getBytes(StandardCharsets.UTF_8)));
  }
}
