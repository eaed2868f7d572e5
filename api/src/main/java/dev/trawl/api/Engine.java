package dev.trawl.api;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.concurrent.NamedThreadFactory;
import dev.trawl.indexer.embed.BgeSmallEmbedder;
import dev.trawl.indexer.embed.CachingEmbedder;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.fanout.FanOutSearcher;
import dev.trawl.query.vector.VectorRetriever;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.model.CollectionRerankers;
import dev.trawl.ranker.model.LearnedReranker;
import dev.trawl.ranker.model.ModelStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Assembles Trawl for one process: the data folder's {@link Catalog}, the shared embedder
 * (BGE-small with a persistent content-hash cache in {@code <data>/embedding-cache}), the
 * searchers (the searcher reranks with each collection's learned model, {@code <collection>/models/},
 * when there is one), and the named pool that retrieval sub-tasks run on.
 *
 * <p><b>Pools.</b> Work that waits for other work must never share a pool with it, or a full
 * pool deadlocks. So there are two levels: callers (the CLI's main thread, the HTTP server's
 * {@code trawl-worker} pool) run a request and wait; the {@code trawl-retrieve} pool only runs
 * leaf tasks that never wait on other tasks: the lexical retriever of a single search (running
 * beside the vector retriever on the caller's thread) and the sub-queries of a fan-out (each
 * sub-query runs both retrievers sequentially on its retrieve thread).
 */
public final class Engine implements AutoCloseable {
  private final Catalog catalog;
  private final Embedder embedder;
  private final HybridSearcher searcher;
  private final FanOutSearcher fanOut;
  private final ExecutorService retrievePool;
  private final DataFolderLock lock;

  private Engine(DataFolderLock lock, Catalog catalog, Embedder embedder, HybridSearcher searcher,
      FanOutSearcher fanOut, ExecutorService retrievePool) {
    this.lock = lock;
    this.catalog = catalog;
    this.embedder = embedder;
    this.searcher = searcher;
    this.fanOut = fanOut;
    this.retrievePool = retrievePool;
  }

  /**
   * The default engine over {@code dataDir}: BGE-small embeddings, default collection options.
   *
   * @throws IllegalStateException if another process (a running {@code trawl serve}) or another
   *     engine holds the data folder
   */
  public static Engine open(Path dataDir, CollectionOptions options) throws IOException {
    return openLocked(dataDir, options,
        () -> CachingEmbedder.open(new BgeSmallEmbedder(), dataDir.resolve("embedding-cache")));
  }

  /**
   * An engine with a given embedder (tests use a fast deterministic one).
   *
   * @throws IllegalStateException if another process or engine holds the data folder
   */
  public static Engine open(Path dataDir, Embedder embedder, CollectionOptions options) {
    return openLocked(dataDir, options, () -> embedder);
  }

  /** Locks the data folder first, so that nothing is opened in a folder another process holds. */
  private static Engine openLocked(Path dataDir, CollectionOptions options, Supplier<Embedder> embedder) {
    DataFolderLock lock = DataFolderLock.acquire(dataDir);
    try {
      return open(lock, dataDir, embedder.get(), options);
    } catch (RuntimeException e) {
      try {
        lock.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static Engine open(DataFolderLock lock, Path dataDir, Embedder embedder, CollectionOptions options) {
    Catalog catalog = new Catalog(dataDir, embedder, options);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new NamedThreadFactory("trawl-retrieve"));
    HybridSearcher searcher = new HybridSearcher(embedder, TextAnalysis.englishAnalyzer(),
        VectorRetriever.Params.DEFAULT, pool).withRerankers(new CollectionRerankers(
        name -> ModelStore.folder(catalog.get(name).dir()), new FeatureExtractor(TextAnalysis.englishAnalyzer()), LearnedReranker.DEFAULT_DEPTH));
    return new Engine(lock, catalog, embedder, searcher, new FanOutSearcher(searcher, pool), pool);
  }

  public Catalog catalog() {
    return catalog;
  }

  public Embedder embedder() {
    return embedder;
  }

  /** Single searches; its lexical retriever runs on the retrieve pool. */
  public HybridSearcher searcher() {
    return searcher;
  }

  /** Fan-out searches; sub-queries run on the retrieve pool, so call it from another thread. */
  public FanOutSearcher fanOut() {
    return fanOut;
  }

  /** The leaf-task pool ({@code trawl-retrieve-N}); never submit work to it that waits on it. */
  public ExecutorService retrievePool() {
    return retrievePool;
  }

  @Override
  public void close() throws IOException {
    retrievePool.shutdown();
    try (lock) {
      try {
        catalog.close();
      } finally {
        embedder.close();
      }
    }
  }
}
