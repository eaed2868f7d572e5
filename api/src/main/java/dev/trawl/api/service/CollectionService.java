package dev.trawl.api.service;

import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionStats;
import dev.trawl.indexer.collection.NoSuchCollectionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Creates, lists, describes and deletes collections. Blocking; thread-safe. */
public final class CollectionService {
  private final Catalog catalog;
  private final CursorStore cursors;

  public CollectionService(Catalog catalog, CursorStore cursors) {
    this.catalog = catalog;
    this.cursors = cursors;
  }

  /**
   * Creates an empty collection.
   *
   * @throws ServiceException.Conflict if it exists
   * @throws IllegalArgumentException if the name is invalid
   */
  public CollectionStats create(String name) throws IOException {
    Catalog.validateName(name);
    if (catalog.exists(name) || !catalog.create(name)) {
      throw new ServiceException.Conflict("collection_exists", "collection '" + name + "' already exists");
    }
    return catalog.get(name).stats();
  }

  /** Every collection with its counts and size. */
  public List<CollectionStats> list() throws IOException {
    List<CollectionStats> out = new ArrayList<>();
    for (String name : catalog.list()) {
      out.add(catalog.get(name).stats());
    }
    return out;
  }

  public CollectionStats stats(String name) throws IOException {
    return catalog.get(name).stats();
  }

  /** Deletes a collection, its files and its open cursors. */
  public void delete(String name) throws IOException {
    if (!catalog.exists(name)) {
      throw new NoSuchCollectionException(name, catalog.list());
    }
    cursors.closeAll(name);
    catalog.delete(name);
  }
}
