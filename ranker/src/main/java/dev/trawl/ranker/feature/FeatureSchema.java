package dev.trawl.ranker.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ordered features a model was trained on (or a log was written with): column {@code i} of
 * a feature vector is feature {@code i}. Saved next to every model; a model is scored only when
 * Trawl still computes every feature it was trained on, each at the same version (a definition
 * that changed gets a new version), matched by name ({@link #columnsFor}): features added since
 * the model was trained are simply not read.
 *
 * @param features the columns, in order; names unique
 */
public record FeatureSchema(List<Feature> features) {
  public FeatureSchema {
    features = List.copyOf(features);
    Set<String> names = new HashSet<>();
    for (Feature f : features) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("feature " + f.name() + " appears twice in a schema");
      }
    }
  }

  public int size() {
    return features.size();
  }

  public Feature get(int column) {
    return features.get(column);
  }

  /** Column names, in order. */
  public List<String> names() {
    return features.stream().map(Feature::name).toList();
  }

  /** The column of feature {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < features.size(); i++) {
      if (features.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code other} has the same names and versions in the same order (definitions aside). */
  public boolean sameAs(FeatureSchema other) {
    if (other.size() != size()) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      if (!get(i).id().equals(other.get(i).id())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where each feature of a model's schema is in this (the current) schema: column {@code c} of
   * the model is column {@code result[c]} here.
   *
   * @param model the schema the model was trained with
   * @param what names the model in the message, e.g. its file
   * @throws FeatureSchemaMismatchException if the model uses a feature this schema lacks, or one
   *     at another version, saying which and what to do
   */
  public int[] columnsFor(FeatureSchema model, String what) {
    int[] columns = new int[model.size()];
    List<String> problems = new ArrayList<>();
    for (int c = 0; c < model.size(); c++) {
      Feature f = model.get(c);
      int here = indexOf(f.name());
      if (here < 0) {
        problems.add(f.id() + " is not computed by this version of Trawl");
      } else if (get(here).version() != f.version()) {
        problems.add(f.name() + " changed definition: the model has " + f.id() + ", Trawl computes " + get(here).id());
      }
      columns[c] = here;
    }
    if (!problems.isEmpty()) {
      throw new FeatureSchemaMismatchException(what + " was trained on features that this version of Trawl does"
          + " not compute as it did (" + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
          + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : "")
          + "). Retrain it with `trawl train`, or delete it to serve hybrid order.");
    }
    return columns;
  }

  /** {@code [{"name", "version", "definition"}, ...]}. */
  public ArrayNode toJson() {
    ArrayNode arr = JsonNodeFactory.instance.arrayNode();
    for (Feature f : features) {
      arr.addObject().put("name", f.name()).put("version", f.version()).put("definition", f.definition());
    }
    return arr;
  }

  /**
   * Reads {@link #toJson()}'s form.
   *
   * @throws IllegalArgumentException if an entry lacks a name or version
   */
  public static FeatureSchema fromJson(JsonNode arr) {
    if (arr == null || !arr.isArray()) {
      throw new IllegalArgumentException("a feature schema is a JSON array of {name, version}");
    }
    List<Feature> list = new ArrayList<>();
    for (JsonNode n : arr) {
      if (!n.path("name").isTextual() || !n.path("version").canConvertToInt()) {
        throw new IllegalArgumentException("feature schema entry without name or version: " + n);
      }
      list.add(new Feature(n.get("name").asText(), n.get("version").asInt(), n.path("definition").asText("")));
    }
    return new FeatureSchema(list);
  }
}
