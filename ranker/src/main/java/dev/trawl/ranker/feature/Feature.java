package dev.trawl.ranker.feature;

import java.util.Objects;

/**
 * One feature of a (query, candidate document) pair, as a model sees it.
 *
 * <p>Two features with the same name and version have the same definition: a model trained on a
 * feature may score it. Whenever the way a value is computed changes, the version goes up, so
 * models trained on the old values are refused (see {@link FeatureSchema#columnsFor}).
 *
 * @param name stable snake_case identifier (the column name in logs and schemas)
 * @param version definition version, from 1
 * @param definition what the value is, precisely enough to recompute it outside Trawl
 */
public record Feature(String name, int version, String definition) {
  public Feature {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(definition, "definition");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("feature name must be snake_case, got '" + name + "'");
    }
    if (version < 1) {
      throw new IllegalArgumentException("feature version must be >= 1, got " + version);
    }
  }

  /** {@code name@version}, e.g. {@code bm25_title@1}. */
  public String id() {
    return name + "@" + version;
  }
}
