package dev.trawl.ranker.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;

/**
 * The trees of an XGBoost model (its JSON form), evaluated in Java: serving needs neither the
 * native library nor a lock around it, and scoring a few hundred candidates is a tight loop over
 * flat arrays.
 *
 * <p>Semantics are XGBoost's for numerical splits: at a node, a missing value (NaN) goes the
 * node's default direction, otherwise {@code value < threshold} goes left; a row's margin is the
 * base score plus the leaf values of every tree (added in float, in tree order, to the base
 * score). Ranking objectives output the margin as is. Categorical splits, multi-target and DART
 * models are refused.
 *
 * <p>Layout: all trees' nodes in a few flat arrays, each node's two children next to each other
 * (right = left + 1), so a step down the tree is {@code child + goRight} with no data-dependent
 * branch, and leaves pointing to themselves, so every row takes exactly the tree's depth in steps.
 * Immutable and thread-safe.
 */
public final class TreeEnsemble {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int numFeatures;
  private final float baseScore;
  private final int[] roots;
  private final int[] depths; // levels below each root
  private final int[] child; // index of the left child (right is next); a leaf points to itself
  private final int[] feature; // 0 for a leaf
  private final float[] threshold; // +Inf for a leaf, so every value stays at the leaf
  private final float[] leafValue; // 0 for an inner node
  private final int[] nanRight; // 1 if a missing value goes right; 0 for a leaf

  private TreeEnsemble(int numFeatures, float baseScore, int[] roots, int[] depths, int[] child, int[] feature,
      float[] threshold, float[] leafValue, int[] nanRight) {
    this.numFeatures = numFeatures;
    this.baseScore = baseScore;
    this.roots = roots;
    this.depths = depths;
    this.child = child;
    this.feature = feature;
    this.threshold = threshold;
    this.leafValue = leafValue;
    this.nanRight = nanRight;
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
    int[] depths = new int[trees.size()];
    int[] child = new int[total];
    int[] feature = new int[total];
    float[] threshold = new float[total];
    float[] leafValue = new float[total];
    int[] nanRight = new int[total];
    int next = 0;
    int ti = 0;
    for (JsonNode t : trees) {
      JsonNode l = t.path("left_children");
      JsonNode r = t.path("right_children");
      JsonNode si = t.path("split_indices");
      JsonNode sc = t.path("split_conditions");
      JsonNode dl = t.path("default_left");
      JsonNode st = t.path("split_type");
      int nodes = l.size();
      if (nodes == 0 || r.size() != nodes || si.size() != nodes || sc.size() != nodes || dl.size() != nodes) {
        throw new IllegalArgumentException("tree " + ti + " is empty or has arrays of different lengths");
      }
      // Breadth-first copy that places each node's children in adjacent slots.
      int[] queue = new int[nodes];
      int[] slot = new int[nodes];
      int[] level = new int[nodes];
      int head = 0;
      int tail = 0;
      queue[tail++] = 0;
      slot[0] = next++;
      roots[ti] = slot[0];
      while (head < tail) {
        int src = queue[head++];
        int dst = slot[src];
        depths[ti] = Math.max(depths[ti], level[src]);
        int li = l.get(src).asInt();
        if (li == -1) {
          child[dst] = dst;
          threshold[dst] = Float.POSITIVE_INFINITY;
          leafValue[dst] = (float) sc.get(src).asDouble();
          continue;
        }
        threshold[dst] = (float) sc.get(src).asDouble();
        int ri = r.get(src).asInt();
        if (st.size() == nodes && st.get(src).asInt() != 0) {
          throw new IllegalArgumentException("tree " + ti + " has a categorical split; not supported");
        }
        if (li <= 0 || ri <= 0 || li >= nodes || ri >= nodes || tail + 2 > nodes) {
          throw new IllegalArgumentException("tree " + ti + " has a malformed node " + src);
        }
        feature[dst] = si.get(src).asInt();
        if (feature[dst] < 0 || feature[dst] >= numFeatures) {
          throw new IllegalArgumentException("tree " + ti + " splits on feature " + feature[dst] + " but the model has "
              + numFeatures);
        }
        nanRight[dst] = dl.get(src).asInt() != 0 ? 0 : 1;
        child[dst] = next;
        slot[li] = next++;
        slot[ri] = next++;
        level[li] = level[src] + 1;
        level[ri] = level[src] + 1;
        queue[tail++] = li;
        queue[tail++] = ri;
      }
      if (tail != nodes) {
        throw new IllegalArgumentException("tree " + ti + " has nodes unreachable from its root");
      }
      ti++;
    }
    return new TreeEnsemble(numFeatures, baseScore, roots, depths, child, feature, threshold, leafValue, nanRight);
  }

  /** XGBoost writes the base score as {@code "0.5"} or, since 3.0, as a vector {@code "[5E-1]"}. */
  private static float parseBaseScore(String s) {
    String t = s.strip();
    if (t.startsWith("[")) {
      t = t.substring(1, t.length() - 1).strip();
    }
    return t.isEmpty() ? 0f : Float.parseFloat(t);
  }

  /**
   * The same trees reading their features from other columns: a split on model column {@code c}
   * reads column {@code columns[c]} of rows that have {@code width} columns. Lets a model trained
   * on some of the features score rows that carry more ({@code FeatureSchema#columnsFor}).
   *
   * @throws IllegalArgumentException if {@code columns} does not map every model column into
   *     {@code [0, width)}
   */
  public TreeEnsemble readingColumns(int[] columns, int width) {
    if (columns.length != numFeatures) {
      throw new IllegalArgumentException("a column map needs " + numFeatures + " entries, got " + columns.length);
    }
    for (int c : columns) {
      if (c < 0 || c >= width) {
        throw new IllegalArgumentException("column " + c + " is outside rows of " + width + " columns");
      }
    }
    int[] remapped = new int[feature.length];
    for (int node = 0; node < feature.length; node++) {
      boolean leaf = child[node] == node;
      remapped[node] = leaf ? 0 : columns[feature[node]];
    }
    return new TreeEnsemble(width, baseScore, roots, depths, child, remapped, threshold, leafValue, nanRight);
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
    for (int t = 0; t < roots.length; t++) {
      int node = roots[t];
      for (int d = depths[t]; d > 0; d--) {
        node = step(node, rows[offset + feature[node]]);
      }
      sum += leafValue[node];
    }
    return sum;
  }

  /**
   * One level down: {@code x >= threshold} goes right; NaN fails every comparison, so it goes the
   * node's default way; a leaf stays where it is (its threshold is +Inf).
   */
  private int step(int node, float x) {
    int right = (x >= threshold[node] ? 1 : 0) | (x != x ? nanRight[node] : 0);
    return child[node] + right;
  }

  /**
   * Margins of {@code n} rows of {@code columns} values each, row-major; each equals {@link #score}.
   * Evaluates tree by tree over all rows, so one tree's nodes stay in cache, and walks four rows
   * in lock step for a tree's full depth (leaves point to themselves), so the four chains of
   * dependent loads overlap instead of waiting on each other.
   *
   * @throws IllegalArgumentException if {@code columns} differs from the model's feature count
   */
  public float[] predict(float[] rows, int n, int columns) {
    if (columns != numFeatures) {
      throw new IllegalArgumentException("model expects " + numFeatures + " features, got " + columns);
    }
    float[] out = new float[n];
    Arrays.fill(out, baseScore);
    int blocked = n - n % 4;
    for (int t = 0; t < roots.length; t++) {
      int root = roots[t];
      int depth = depths[t];
      for (int i = 0; i < blocked; i += 4) {
        int o0 = i * columns;
        int o1 = o0 + columns;
        int o2 = o1 + columns;
        int o3 = o2 + columns;
        int a = root;
        int b = root;
        int c = root;
        int d = root;
        for (int level = 0; level < depth; level++) {
          a = step(a, rows[o0 + feature[a]]);
          b = step(b, rows[o1 + feature[b]]);
          c = step(c, rows[o2 + feature[c]]);
          d = step(d, rows[o3 + feature[d]]);
        }
        out[i] += leafValue[a];
        out[i + 1] += leafValue[b];
        out[i + 2] += leafValue[c];
        out[i + 3] += leafValue[d];
      }
      for (int i = blocked; i < n; i++) {
        int node = root;
        int offset = i * columns;
        for (int level = 0; level < depth; level++) {
          node = step(node, rows[offset + feature[node]]);
        }
        out[i] += leafValue[node];
      }
    }
    return out;
  }
}
