package dev.trawl.api;

import dev.trawl.indexer.collection.Catalog;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.embed.BgeSmallEmbedder;
import dev.trawl.indexer.embed.CachingEmbedder;
import dev.trawl.indexer.embed.Embedder;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.vector.VectorRetriever;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.model.CollectionRerankers;
import dev.trawl.ranker.model.LearnedReranker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Assembles Trawl for one process: the data folder's {@link Catalog}, the shared embedder
 * (BGE-small with a persistent content-hash cache in {@code <data>/embedding-cache}), the
 * searcher (which reranks with each collection's learned model, {@code <collection>/models/},
 * when there is one), and the named worker pool that search work runs on.
 */
public final class Engine implements AutoCloseable {
  private final Catalog catalog;
  private final Embedder embedder;
  private final HybridSearcher searcher;
  private final ExecutorService searchPool;

  private Engine(Catalog catalog, Embedder embedder, HybridSearcher searcher, ExecutorService searchPool) {
    this.catalog = catalog;
    this.embedder = embedder;
    this.searcher = searcher;
    this.searchPool = searchPool;
  }

  /** The default engine over {@code dataDir}: BGE-small embeddings, default collection options. */
  public static Engine open(Path dataDir, CollectionOptions options) throws IOException {
    Embedder bge = new BgeSmallEmbedder();
    Embedder cached = CachingEmbedder.open(bge, dataDir.resolve("embedding-cache"));
    return open(dataDir, cached, options);
  }

  /** An engine with a given embedder (tests use a fast deterministic one). */
  public static Engine open(Path dataDir, Embedder embedder, CollectionOptions options) {
    Catalog catalog = new Catalog(dataDir, embedder, options);
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        named("trawl-search"));
    HybridSearcher searcher = new HybridSearcher(embedder, dev.trawl.indexer.analysis.TextAnalysis.englishAnalyzer(),
        VectorRetriever.Params.DEFAULT, pool).withRerankers(new CollectionRerankers(name -> catalog.get(name).dir(),
        new FeatureExtractor(dev.trawl.indexer.analysis.TextAnalysis.englishAnalyzer()),
        LearnedReranker.DEFAULT_DEPTH));
    return new Engine(catalog, embedder, searcher, pool);
  }

  /** A thread factory whose threads are named {@code prefix-N} and are daemons. */
  public static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public Catalog catalog() {
    return catalog;
  }

  public Embedder embedder() {
    return embedder;
  }

  public HybridSearcher searcher() {
    return searcher;
  }

  public ExecutorService searchPool() {
    return searchPool;
  }

  @Override
  public void close() throws IOException {
    searchPool.shutdown();
    try {
      catalog.close();
    } finally {
      embedder.close();
    }
  }
}
