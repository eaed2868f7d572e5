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
 * a feature vector is feature {@code i}. Saved next to every model; a model is only scored with
 * features of an identical schema (same names and versions in the same order).
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
   * Refuses a model schema that differs from this (the current) one.
   *
   * @param model the schema the model was trained with
   * @param what names the model in the message, e.g. its file
   * @throws FeatureSchemaMismatchException saying which columns differ and what to do
   */
  public void requireSame(FeatureSchema model, String what) {
    if (sameAs(model)) {
      return;
    }
    List<String> diffs = new ArrayList<>();
    int n = Math.max(size(), model.size());
    for (int i = 0; i < n && diffs.size() < 5; i++) {
      String have = i < size() ? get(i).id() : "(none)";
      String had = i < model.size() ? model.get(i).id() : "(none)";
      if (!have.equals(had)) {
        diffs.add("column " + i + ": model has " + had + ", Trawl computes " + have);
      }
    }
    throw new FeatureSchemaMismatchException(what + " was trained on " + model.size() + " features that differ from the "
        + size() + " this version of Trawl computes (" + String.join("; ", diffs)
        + "). Retrain it with `trawl train`, or delete it to serve hybrid order.");
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
