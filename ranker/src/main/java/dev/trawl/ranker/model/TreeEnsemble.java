package dev.trawl.ranker.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The trees of an XGBoost model (its JSON form), evaluated in Java: serving needs neither the
 * native library nor a lock around it, and scoring a few hundred candidates is a tight loop over
 * flat arrays.
 *
 * <p>Semantics are XGBoost's for numerical splits: at a node, a missing value (NaN) goes the
 * node's default direction, otherwise {@code value < threshold} goes left; a row's margin is the
 * base score plus the leaf values of every tree (added in float, in tree order, to the base score). Ranking
 * objectives output the margin as is. Categorical splits, multi-target and DART models are
 * refused. Immutable and thread-safe.
 */
public final class TreeEnsemble {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int numFeatures;
  private final float baseScore;
  private final int[] roots;
  private final int[] left;
  private final int[] right;
  private final int[] feature;
  private final float[] value; // threshold of an inner node, leaf value of a leaf
  private final boolean[] defaultLeft;

  private TreeEnsemble(int numFeatures, float baseScore, int[] roots, int[] left, int[] right, int[] feature,
      float[] value, boolean[] defaultLeft) {
    this.numFeatures = numFeatures;
    this.baseScore = baseScore;
    this.roots = roots;
    this.left = left;
    this.right = right;
    this.feature = feature;
    this.value = value;
    this.defaultLeft = defaultLeft;
  }

  /**
   * Parses XGBoost's JSON model ({@code Booster.saveModel("*.json")}).
   *
   * @throws IllegalArgumentException if it is not a gbtree model of numerical splits with one target
   */
  public static TreeEnsemble fromXgboostJson(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an XGBoost JSON model: " + e.getMessage(), e);
    }
    JsonNode learner = root.path("learner");
    JsonNode booster = learner.path("gradient_booster");
    if (!"gbtree".equals(booster.path("name").asText())) {
      throw new IllegalArgumentException("only gbtree models are supported, got '" + booster.path("name").asText()
          + "'");
    }
    JsonNode params = learner.path("learner_model_param");
    int numTarget = Integer.parseInt(params.path("num_target").asText("1"));
    int numClass = Integer.parseInt(params.path("num_class").asText("0"));
    if (numTarget > 1 || numClass > 1) {
      throw new IllegalArgumentException("only single-output models are supported");
    }
    int numFeatures = Integer.parseInt(params.path("num_feature").asText("0"));
    float baseScore = parseBaseScore(params.path("base_score").asText("0"));
    JsonNode trees = booster.path("model").path("trees");
    int total = 0;
    for (JsonNode t : trees) {
      total += t.path("left_children").size();
    }
    int[] roots = new int[trees.size()];
    int[] left = new int[total];
    int[] right = new int[total];
    int[] feature = new int[total];
    float[] value = new float[total];
    boolean[] defaultLeft = new boolean[total];
    int offset = 0;
    int ti = 0;
    for (JsonNode t : trees) {
      JsonNode l = t.path("left_children");
      JsonNode r = t.path("right_children");
      JsonNode si = t.path("split_indices");
      JsonNode sc = t.path("split_conditions");
      JsonNode dl = t.path("default_left");
      JsonNode st = t.path("split_type");
      int nodes = l.size();
      if (r.size() != nodes || si.size() != nodes || sc.size() != nodes || dl.size() != nodes) {
        throw new IllegalArgumentException("tree " + ti + " has arrays of different lengths");
      }
      roots[ti] = offset;
      for (int i = 0; i < nodes; i++) {
        int li = l.get(i).asInt();
        boolean leaf = li == -1;
        if (!leaf && st.size() == nodes && st.get(i).asInt() != 0) {
          throw new IllegalArgumentException("tree " + ti + " has a categorical split; not supported");
        }
        left[offset + i] = leaf ? -1 : offset + li;
        right[offset + i] = leaf ? -1 : offset + r.get(i).asInt();
        feature[offset + i] = si.get(i).asInt();
        value[offset + i] = (float) sc.get(i).asDouble();
        defaultLeft[offset + i] = dl.get(i).asInt() != 0;
        if (!leaf && feature[offset + i] >= numFeatures) {
          throw new IllegalArgumentException("tree " + ti + " splits on feature " + feature[offset + i]
              + " but the model has " + numFeatures);
        }
      }
      offset += nodes;
      ti++;
    }
    return new TreeEnsemble(numFeatures, baseScore, roots, left, right, feature, value, defaultLeft);
  }

  /** XGBoost writes the base score as {@code "0.5"} or, since 3.0, as a vector {@code "[5E-1]"}. */
  private static float parseBaseScore(String s) {
    String t = s.strip();
    if (t.startsWith("[")) {
      t = t.substring(1, t.length() - 1).strip();
    }
    return t.isEmpty() ? 0f : Float.parseFloat(t);
  }

  /** Number of features (columns) the model expects. */
  public int numFeatures() {
    return numFeatures;
  }

  public int numTrees() {
    return roots.length;
  }

  /** The margin of one row starting at {@code offset} of {@code rows}. */
  public float score(float[] rows, int offset) {
    float sum = baseScore;
    for (int root : roots) {
      int node = root;
      while (left[node] >= 0) {
        float x = rows[offset + feature[node]];
        if (Float.isNaN(x)) {
          node = defaultLeft[node] ? left[node] : right[node];
        } else {
          node = x < value[node] ? left[node] : right[node];
        }
      }
      sum += value[node];
    }
    return sum;
  }

  /**
   * Margins of {@code n} rows of {@code columns} values each, row-major.
   *
   * @throws IllegalArgumentException if {@code columns} differs from the model's feature count
   */
  public float[] predict(float[] rows, int n, int columns) {
    if (columns != numFeatures) {
      throw new IllegalArgumentException("model expects " + numFeatures + " features, got " + columns);
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = score(rows, i * columns);
    }
    return out;
  }
}
