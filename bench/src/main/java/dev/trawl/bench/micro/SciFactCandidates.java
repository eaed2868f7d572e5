package dev.trawl.bench.micro;

import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.vector.VectorRetriever;
import dev.trawl.ranker.eval.BeirQueries;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.train.CandidateCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * SciFact indexed with a 384-dimensional {@link HashingEmbedder} (deterministic, no model: the
 * reranking stage's cost does not depend on what the vectors mean), its test queries and their
 * hybrid candidate lists at the reranker's depth: the fixture of the feature-extraction and
 * reranking benchmarks. Built once per fork.
 */
final class SciFactCandidates implements AutoCloseable {
  /** Candidates featurized and scored per query, the reranker's default depth. */
  static final int DEPTH = 200;

  final Path tempDir;
  final DocumentCollection collection;
  final CollectionSnapshot snapshot;
  final HybridSearcher searcher;
  final FeatureExtractor extractor;
  final CandidateCollector collector;
  final List<Query> queries;
  final Qrels qrels;
  final List<float[]> vectors = new ArrayList<>();
  final List<HybridSearcher.Retrieved> retrieved = new ArrayList<>();

  SciFactCandidates() throws IOException {
    Path data = SciFactData.dir();
    List<SourceDocument> corpus = SciFactData.corpus(data);
    queries = BeirQueries.readSplit(data, "test");
    qrels = Qrels.readBeirSplit(data, "test");
    tempDir = Files.createTempDirectory("trawl-jmh-rerank");
    collection = DocumentCollection.open("scifact", tempDir, new HashingEmbedder(384), CollectionOptions.defaults());
    for (int i = 0; i < corpus.size(); i += 500) {
      collection.upsert(corpus.subList(i, Math.min(corpus.size(), i + 500)));
    }
    collection.commit();
    snapshot = collection.snapshot();
    searcher = new HybridSearcher(collection.embedder(), collection.analyzer(), VectorRetriever.Params.DEFAULT, null);
    extractor = new FeatureExtractor(collection.analyzer());
    collector = new CandidateCollector(searcher, extractor, DEPTH);
    for (Query q : queries) {
      float[] v = collection.embedder().embedQuery(q.text());
      vectors.add(v);
      retrieved.add(searcher.retrieve(snapshot, collector.request(q.text()), v));
    }
  }

  @Override
  public void close() throws IOException {
    snapshot.close();
    collection.close();
    try (Stream<Path> files = Files.walk(tempDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
