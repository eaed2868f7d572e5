package dev.trawl.ranker.feature;

/** A model's feature schema differs from the features this version of Trawl computes. */
public final class FeatureSchemaMismatchException extends IllegalStateException {
  public FeatureSchemaMismatchException(String message) {
    super(message);
  }
}
