package dev.trawl.indexer.collection;

/** A collection folder was built with another schema, analyzer or embedder than the running process. */
public final class IncompatibleCollectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IncompatibleCollectionException(String message) {
    super(message);
  }
}
