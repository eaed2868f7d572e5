package dev.trawl.indexer.embed;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps an embedder and counts the texts it is asked to embed. */
final class CountingEmbedder implements Embedder {

  final Embedder delegate;
  final AtomicInteger documents = new AtomicInteger();
  final AtomicInteger queries = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();

  CountingEmbedder(Embedder delegate) {
    this.delegate = delegate;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    documents.addAndGet(texts.size());
    return delegate.embedDocuments(texts);
  }

  @Override
  public List<float[]> embedQueries(List<String> texts) {
    queries.addAndGet(texts.size());
    return delegate.embedQueries(texts);
  }

  @Override
  public void close() {
    closes.incrementAndGet();
    delegate.close();
  }
}
