package dev.trawl.indexer.collection;

import java.util.List;

/** A request named a collection that does not exist. */
public final class NoSuchCollectionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String collection;

  public NoSuchCollectionException(String collection, List<String> existing) {
    super("no collection named '" + collection + "'"
        + (existing.isEmpty() ? "; none exist yet: index documents first (they create it)"
            : "; existing collections: " + String.join(", ", existing)));
    this.collection = collection;
  }

  public String collection() {
    return collection;
  }
}
