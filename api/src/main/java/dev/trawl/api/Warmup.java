package dev.trawl.api;

import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.query.SearchMode;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fanout.MultiSearchRequest;
import java.util.List;

/**
 * Runs a few searches of every kind on the served collections before a server takes traffic,
 * so the first agent does not pay for class loading, JIT compilation and ONNX Runtime's first
 * allocations. Measured with {@code trawl serve} on the sample corpus: the first HTTP search took
 * 1,306 ms server-side without this and 53-143 ms with it (two runs), for 0.3-1.2 s more start-up.
 *
 * <p>The queries are fixed, content-free phrasings; results are discarded. Empty collections
 * are skipped, and so is a collection that fails to open (serving it will report why); at most
 * {@value #MAX_COLLECTIONS} collections are touched so start-up stays short on a data folder
 * with many.
 */
public final class Warmup {
  static final int MAX_COLLECTIONS = 4;
  static final List<String> QUERIES = List.of("how do we handle a failure", "notes from the last meeting",
      "configuration options and their defaults", "who decided the release date");

  private Warmup() {}

  /** Warms the search paths on {@code engine}'s collections; returns how many searches ran. */
  public static int run(Engine engine) {
    int searches = 0;
    List<String> names = engine.catalog().list();
    for (String name : names.subList(0, Math.min(MAX_COLLECTIONS, names.size()))) {
      try (CollectionSnapshot s = engine.catalog().get(name).snapshot()) {
        if (s.reader().numDocs() == 0) {
          continue;
        }
        for (int round = 0; round < 3; round++) {
          for (SearchMode mode : SearchMode.values()) {
            engine.searcher().search(s, SearchRequest.of(QUERIES.get(round)).withMode(mode).withK(10));
            searches++;
          }
          engine.fanOut().search(s, MultiSearchRequest.of(QUERIES));
          searches++;
        }
      } catch (RuntimeException e) {
        // Not this one: an incompatible or damaged collection is reported when it is used.
      }
    }
    return searches;
  }
}
