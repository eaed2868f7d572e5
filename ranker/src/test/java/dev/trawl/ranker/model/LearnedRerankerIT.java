package dev.trawl.ranker.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.Explain;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchHit;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.SearchResult;
import dev.trawl.query.fanout.FanOutSearcher;
import dev.trawl.query.fanout.MultiSearchRequest;
import dev.trawl.query.vector.VectorRetriever;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.eval.Query;
import dev.trawl.ranker.feature.FeatureExtractor;
import dev.trawl.ranker.feature.FeatureMatrix;
import dev.trawl.ranker.feature.FeatureSchemaMismatchException;
import dev.trawl.ranker.train.CandidateCollector;
import dev.trawl.ranker.train.LambdaMartParams;
import dev.trawl.ranker.train.LambdaMartTrainer;
import dev.trawl.ranker.train.QueryCandidates;
import dev.trawl.testing.SeededRandomExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train, save, load and serve on a small real collection: the served order is the model's, a
 * request can turn reranking off, hits explain themselves, a collection without a model serves
 * hybrid order, and a model trained on other features is refused with a clear message.
 */
@ExtendWith(SeededRandomExtension.class)
class LearnedRerankerIT {
  private static final String[] TOPICS = {"whale", "volcano", "glacier", "orchid", "comet", "falcon", "coral",
      "desert", "bamboo", "tornado"};
  private static final String[] FILLER = {"report", "study", "note", "field", "season", "record", "sample", "survey",
      "region", "observation"};

  @TempDir Path dir;
  private final HashingEmbedder embedder = new HashingEmbedder(32);
  private final FeatureExtractor extractor = new FeatureExtractor(TextAnalysis.englishAnalyzer());
  private DocumentCollection collection;
  private HybridSearcher plain;
  private HybridSearcher reranking;
  private final List<Query> queries = new ArrayList<>();
  private Qrels qrels;

  @BeforeEach
  void build(Random random) throws Exception {
    collection = DocumentCollection.open("c", dir.resolve("c"), embedder, CollectionOptions.defaults());
    List<SourceDocument> docs = new ArrayList<>();
    Map<String, Map<String, Integer>> judged = new LinkedHashMap<>();
    for (int t = 0; t < TOPICS.length; t++) {
      Map<String, Integer> rel = new LinkedHashMap<>();
      for (int i = 0; i < 12; i++) {
        String id = TOPICS[t] + i;
        StringBuilder text = new StringBuilder();
        // relevant documents name the topic in the title; the others only mention it in passing
        boolean relevant = i < 3;
        for (int w = 0; w < 30; w++) {
          text.append(FILLER[random.nextInt(FILLER.length)]).append(' ');
          if (random.nextInt(relevant ? 6 : 12) == 0) {
            text.append(TOPICS[t]).append(' ');
          }
        }
        String title = relevant ? TOPICS[t] + " " + FILLER[random.nextInt(FILLER.length)] : FILLER[i % 10] + " notes";
        docs.add(SourceDocument.of(id, title, text.toString()));
        if (relevant) {
          rel.put(id, 1);
        }
      }
      queries.add(new Query("q" + t, TOPICS[t] + " " + FILLER[t]));
      judged.put("q" + t, rel);
    }
    collection.upsert(docs);
    collection.commit();
    qrels = Qrels.of(judged);
    plain = new HybridSearcher(embedder, TextAnalysis.englishAnalyzer(), VectorRetriever.Params.DEFAULT, null);
    reranking = plain.withRerankers(new CollectionRerankers(name -> ModelStore.folder(dir.resolve(name)), extractor, 50));
  }

  @AfterEach
  void close() throws Exception {
    collection.close();
  }

  private RerankerModel train() {
    CandidateCollector collector = new CandidateCollector(plain, extractor, 50);
    List<QueryCandidates> data;
    try (CollectionSnapshot s = collection.snapshot()) {
      data = collector.collect(s, queries, embedder.embedQueries(queries.stream().map(Query::text).toList()), qrels,
          null);
    }
    LambdaMartParams params = LambdaMartParams.defaults(1).withRounds(30, 30).withObjective("rank:ndcg", "topk", 20)
        .withTrees(0.3, 3, 0.0);
    LambdaMartTrainer.Result r = new LambdaMartTrainer(5).train(data, data, qrels, params,
        dev.trawl.ranker.eval.Metric.ndcg(10), null);
    return new RerankerModel(extractor.schema(), r.modelJson(), null);
  }

  /** Candidate extraction goes query by query, so its progress counts queries (it said "documents"). */
  @Test
  void candidateProgressCountsQueries() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (CollectionSnapshot s = collection.snapshot()) {
      new CandidateCollector(plain, extractor, 50).collect(s, queries,
          embedder.embedQueries(queries.stream().map(Query::text).toList()), qrels,
          new PrintStream(buf, true, StandardCharsets.UTF_8));
    }
    String log = buf.toString(StandardCharsets.UTF_8);
    assertTrue(log.startsWith("candidates: ") && log.contains("10/10 queries (100.0%)"), log);
    assertTrue(!log.contains("documents") && !log.contains("passages") && !log.contains("docs/s"), log);
  }

  @Test
  void trainSaveLoadAndServe() throws Exception {
    try (CollectionSnapshot s = collection.snapshot()) {
      SearchResult before = reranking.search(s, SearchRequest.of("whale report"));
      assertNull(before.reranker(), "no model yet: hybrid order");
      assertEquals(ids(plain.search(s, SearchRequest.of("whale report"))), ids(before));
    }
    RerankerModel model = train();
    ModelStore.save(collection.dir(), model);
    Thread.sleep(CollectionRerankers.RECHECK_NANOS / 1_000_000 + 50); // past the recheck interval

    TreeEnsemble trees = ModelStore.load(collection.dir()).orElseThrow().trees();
    try (CollectionSnapshot s = collection.snapshot()) {
      SearchRequest request = SearchRequest.of("whale report").withK(20);
      SearchResult served = reranking.search(s, request);
      assertEquals(model.tag(), served.reranker());
      // the served order is the order of the loaded model's scores over the fused head
      HybridSearcher.Retrieved r = plain.retrieve(s, request, embedder.embedQuery(request.query()));
      FeatureMatrix m = extractor.extract(s, request.query(), embedder.embedQuery(request.query()), r, 50, null);
      float[] scores = trees.predict(m.values(), m.rows(), m.columns());
      List<String> expected = new ArrayList<>(m.docIds());
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < scores.length; i++) {
        order.add(i);
      }
      order.sort((a, b) -> Float.compare(scores[b], scores[a]) != 0 ? Float.compare(scores[b], scores[a])
          : Integer.compare(a, b));
      expected = order.stream().map(expected::get).toList().subList(0, 20);
      assertEquals(expected, ids(served));
      assertEquals(scores[order.get(0)], served.hits().get(0).score(), 1e-6);

      SearchResult off = reranking.search(s, request.withRerank(false));
      assertNull(off.reranker());
      assertEquals(ids(plain.search(s, request)), ids(off), "rerank=false serves hybrid order");

      SearchResult explained = reranking.search(s, request.withExplain(Explain.FEATURES));
      for (SearchHit h : explained.hits()) {
        assertNotNull(h.features(), "every hit carries its features");
        assertEquals(extractor.schema().names(), List.copyOf(h.features().keySet()));
      }
      assertNull(served.hits().get(0).features(), "features only when asked");
      SearchResult explainedOnly = reranking.search(s, request.withRerank(false).withExplain(Explain.FEATURES));
      assertEquals(ids(off), ids(explainedOnly));
      assertEquals(1.0, explainedOnly.hits().get(0).features().get("fused_rank"));

      // the model learned something: the relevant whale documents come first
      assertTrue(ids(served).subList(0, 3).stream().allMatch(id -> qrels.judgments("q0").containsKey(id)),
          ids(served).toString());

      var fanOut = new FanOutSearcher(reranking, Executors.newSingleThreadExecutor());
      var multi = fanOut.search(s, MultiSearchRequest.of(List.of("whale report", "whale song")).withK(5));
      assertEquals(5, multi.results().size());
    }
  }

  @Test
  void refusesAModelTrainedOnOtherFeatures() throws Exception {
    ModelStore.save(collection.dir(), train());
    // pretend the model was trained when bm25_title had another definition
    Path schemaFile = ModelStore.schemaFile(collection.dir());
    ObjectMapper json = new ObjectMapper();
    ObjectNode meta = (ObjectNode) json.readTree(Files.readAllBytes(schemaFile));
    ((ObjectNode) ((ArrayNode) meta.get("features")).get(1)).put("version", 99);
    Files.write(schemaFile, json.writeValueAsBytes(meta));
    try (CollectionSnapshot s = collection.snapshot()) {
      IncompatibleModelException e = assertThrows(IncompatibleModelException.class,
          () -> reranking.search(s, SearchRequest.of("whale")));
      assertTrue(e.getMessage().contains("collection 'c'") && e.getMessage().contains("bm25_title@99")
          && e.getMessage().contains("trawl train"), e.getMessage());
      assertTrue(e.getCause() instanceof FeatureSchemaMismatchException);
      // reranking off and nothing to explain: the model is not needed, so the search works
      assertNotEquals(0, reranking.search(s, SearchRequest.of("whale").withRerank(false)).hits().size());
    }
    assertThrows(FeatureSchemaMismatchException.class,
        () -> new LearnedReranker(extractor, ModelStore.load(collection.dir()).orElseThrow(), 10));
  }

  private static List<String> ids(SearchResult r) {
    return r.hits().stream().map(SearchHit::docId).toList();
  }
}
