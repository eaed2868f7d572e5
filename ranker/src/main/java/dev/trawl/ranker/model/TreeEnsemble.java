package dev.trawl.ranker.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * <p>Layout: each tree is stored complete to its depth {@code D}, in heap order (the children of
 * node {@code i} are {@code 2i + 1} and {@code 2i + 2}), so a step down needs no child pointer: it
 * is {@code 2i + 1 + goRight}, with no data-dependent branch. A leaf above the last level becomes
 * a chain of pass-through nodes (threshold NaN: every value goes left) and its value fills every
 * bottom slot below it; so every row takes exactly {@code D} steps and reads two ints per step
 * (feature with the missing-value direction in its sign bit, threshold bits). Trees deeper than
 * {@link #MAX_DEPTH} are refused. Immutable and thread-safe.
 */
public final class TreeEnsemble {
  /**
   * The deepest tree accepted: stored complete, such a tree takes 4,096 leaf slots (48 KB).
   * XGBoost's default is 6, and {@code trawl train} grows at most depth-6 trees by default.
   */
  public static final int MAX_DEPTH = 12;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int NAN_RIGHT = 1 << 31;

  private final int numFeatures;
  private final float baseScore;
  private final int[] depths; // levels of each tree
  private final int[] nodeStart; // offset of each tree's inner nodes in feature/threshold
  private final int[] leafStart; // offset of each tree's bottom level in leafValue
  private final int[] feature; // split feature, | NAN_RIGHT if a missing value goes right
  private final float[] threshold; // NaN for a pass-through node: everything goes left
  private final float[] leafValue;

  private TreeEnsemble(int numFeatures, float baseScore, int[] depths, int[] nodeStart, int[] leafStart,
      int[] feature, float[] threshold, float[] leafValue) {
    this.numFeatures = numFeatures;
    this.baseScore = baseScore;
    this.depths = depths;
    this.nodeStart = nodeStart;
    this.leafStart = leafStart;
    this.feature = feature;
    this.threshold = threshold;
    this.leafValue = leafValue;
  }

  /** One tree as XGBoost's JSON arrays give it. */
  private record JsonTree(JsonNode left, JsonNode right, JsonNode split, JsonNode condition, JsonNode defaultLeft) {}

  /**
   * Parses XGBoost's JSON model ({@code Booster.saveModel("*.json")}).
   *
   * @throws IllegalArgumentException if it is not a gbtree model of numerical splits with one
   *     target, or has a tree deeper than {@link #MAX_DEPTH}
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
    int count = trees.size();
    int[] depths = new int[count];
    int[] nodeStart = new int[count];
    int[] leafStart = new int[count];
    List<JsonTree> parsed = new ArrayList<>(count);
    int nodes = 0;
    int leaves = 0;
    int ti = 0;
    for (JsonNode t : trees) {
      JsonTree tree = new JsonTree(t.path("left_children"), t.path("right_children"), t.path("split_indices"),
          t.path("split_conditions"), t.path("default_left"));
      int size = tree.left().size();
      if (size == 0 || tree.right().size() != size || tree.split().size() != size || tree.condition().size() != size
          || tree.defaultLeft().size() != size) {
        throw new IllegalArgumentException("tree " + ti + " is empty or has arrays of different lengths");
      }
      JsonNode st = t.path("split_type");
      for (int i = 0; i < st.size(); i++) {
        if (st.get(i).asInt() != 0) {
          throw new IllegalArgumentException("tree " + ti + " has a categorical split; not supported");
        }
      }
      depths[ti] = depth(tree, ti, numFeatures);
      nodeStart[ti] = nodes;
      leafStart[ti] = leaves;
      nodes += (1 << depths[ti]) - 1;
      leaves += 1 << depths[ti];
      parsed.add(tree);
      ti++;
    }
    int[] feature = new int[nodes];
    float[] threshold = new float[nodes];
    Arrays.fill(threshold, Float.NaN);
    float[] leafValue = new float[leaves];
    for (int i = 0; i < count; i++) {
      place(parsed.get(i), 0, 0, 0, depths[i], nodeStart[i], leafStart[i], feature, threshold, leafValue);
    }
    return new TreeEnsemble(numFeatures, baseScore, depths, nodeStart, leafStart, feature, threshold, leafValue);
  }

  /** The depth of a tree (0 for a lone leaf), checking its structure on the way. */
  private static int depth(JsonTree tree, int ti, int numFeatures) {
    int size = tree.left().size();
    int[] level = new int[size];
    boolean[] seen = new boolean[size];
    int[] stack = new int[size];
    int top = 0;
    stack[top++] = 0;
    seen[0] = true;
    int reached = 1;
    int max = 0;
    while (top > 0) {
      int n = stack[--top];
      max = Math.max(max, level[n]);
      if (max > MAX_DEPTH) {
        throw new IllegalArgumentException("tree " + ti + " is deeper than " + MAX_DEPTH + " levels; not supported");
      }
      int l = tree.left().get(n).asInt();
      if (l == -1) {
        continue;
      }
      int r = tree.right().get(n).asInt();
      int f = tree.split().get(n).asInt();
      if (l <= 0 || r <= 0 || l >= size || r >= size || seen[l] || seen[r]) {
        throw new IllegalArgumentException("tree " + ti + " has a malformed node " + n);
      }
      if (f < 0 || f >= numFeatures) {
        throw new IllegalArgumentException("tree " + ti + " splits on feature " + f + " but the model has "
            + numFeatures);
      }
      seen[l] = true;
      seen[r] = true;
      reached += 2;
      level[l] = level[n] + 1;
      level[r] = level[n] + 1;
      stack[top++] = l;
      stack[top++] = r;
    }
    if (reached != size) {
      throw new IllegalArgumentException("tree " + ti + " has nodes unreachable from its root");
    }
    return max;
  }

  /**
   * Writes source node {@code src}, at heap position {@code pos} of level {@code level}, and its
   * subtree into the complete layout of a tree of depth {@code depth}.
   */
  private static void place(JsonTree tree, int src, int pos, int level, int depth, int nodeBase, int leafBase,
      int[] feature, float[] threshold, float[] leafValue) {
    int left = tree.left().get(src).asInt();
    if (left == -1) {
      // A leaf: the pass-through nodes below it are already NaN (go left); fill its bottom slots.
      int span = 1 << (depth - level);
      int first = (pos + 1) * span - 1 - ((1 << depth) - 1);
      Arrays.fill(leafValue, leafBase + first, leafBase + first + span, (float) tree.condition().get(src).asDouble());
      return;
    }
    feature[nodeBase + pos] = tree.split().get(src).asInt() | (tree.defaultLeft().get(src).asInt() != 0 ? 0 : NAN_RIGHT);
    threshold[nodeBase + pos] = (float) tree.condition().get(src).asDouble();
    place(tree, left, 2 * pos + 1, level + 1, depth, nodeBase, leafBase, feature, threshold, leafValue);
    place(tree, tree.right().get(src).asInt(), 2 * pos + 2, level + 1, depth, nodeBase, leafBase, feature, threshold,
        leafValue);
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
    return depths.length;
  }

  /** The margin of one row starting at {@code offset} of {@code rows}. */
  public float score(float[] rows, int offset) {
    float sum = baseScore;
    for (int t = 0; t < depths.length; t++) {
      int base = nodeStart[t];
      int node = 0;
      for (int d = depths[t]; d > 0; d--) {
        node = step(base, node, rows, offset);
      }
      sum += leafValue[leafStart[t] + node - ((1 << depths[t]) - 1)];
    }
    return sum;
  }

  /**
   * One level down from heap position {@code node}: {@code x >= threshold} goes right; NaN fails
   * every comparison, so it goes the node's missing-value way; a pass-through node's NaN threshold
   * sends everything left.
   */
  private int step(int base, int node, float[] rows, int offset) {
    int f = feature[base + node];
    float x = rows[offset + (f & ~NAN_RIGHT)];
    int right = (x >= threshold[base + node] ? 1 : 0) | (x != x ? f >>> 31 : 0);
    return 2 * node + 1 + right;
  }

  /**
   * Margins of {@code n} rows of {@code columns} values each, row-major; each equals {@link #score}.
   * Evaluates tree by tree over all rows, so one tree's nodes stay in cache, and walks four rows
   * in lock step for the tree's depth, so the four chains of dependent loads overlap instead of
   * waiting on each other.
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
    for (int t = 0; t < depths.length; t++) {
      int base = nodeStart[t];
      int depth = depths[t];
      int leaves = leafStart[t] - ((1 << depth) - 1);
      for (int i = 0; i < blocked; i += 4) {
        int o0 = i * columns;
        int o1 = o0 + columns;
        int o2 = o1 + columns;
        int o3 = o2 + columns;
        int a = 0;
        int b = 0;
        int c = 0;
        int d = 0;
        for (int level = 0; level < depth; level++) {
          a = step(base, a, rows, o0);
          b = step(base, b, rows, o1);
          c = step(base, c, rows, o2);
          d = step(base, d, rows, o3);
        }
        out[i] += leafValue[leaves + a];
        out[i + 1] += leafValue[leaves + b];
        out[i + 2] += leafValue[leaves + c];
        out[i + 3] += leafValue[leaves + d];
      }
      for (int i = blocked; i < n; i++) {
        int node = 0;
        int offset = i * columns;
        for (int level = 0; level < depth; level++) {
          node = step(base, node, rows, offset);
        }
        out[i] += leafValue[leaves + node];
      }
    }
    return out;
  }
}
