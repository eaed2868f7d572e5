package dev.trawl.ranker.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.indexer.analysis.TextAnalysis;
import dev.trawl.indexer.collection.CollectionOptions;
import dev.trawl.indexer.collection.CollectionSnapshot;
import dev.trawl.indexer.collection.DocumentCollection;
import dev.trawl.indexer.embed.HashingEmbedder;
import dev.trawl.indexer.source.SourceDocument;
import dev.trawl.query.HybridSearcher;
import dev.trawl.query.SearchRequest;
import dev.trawl.query.fusion.Fused;
import dev.trawl.query.fusion.FusionMethod;
import dev.trawl.query.rerank.Reranker;
import dev.trawl.query.rerank.Reranking;
import dev.trawl.query.vector.VectorRetriever;
import dev.trawl.testing.SeededRandomExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reranked run of {@link BeirExperiment} reorders the plain hybrid run's own list, so that the
 * two runs differ by the reranker alone, on a collection larger than the serving depth, where a
 * default search's fused list (retrievers cut at 200) differs from the run's (cut at 1000).
 */
@ExtendWith(SeededRandomExtension.class)
class BeirExperimentIT {
  private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa",
      "lambda", "sigma"};
  private static final int HEAD = 150;

  /** Reverses the top {@link #HEAD} of the fused list: easy to check, and nothing like fused order. */
  private static final Reranker REVERSE = new Reranker() {
    @Override
    public Reranking rerank(dev.trawl.query.rerank.RerankContext context) {
      List<Fused> fused = context.retrieved().fused();
      int head = Math.min(HEAD, fused.size());
      List<Fused> out = new ArrayList<>(fused.subList(0, head).reversed());
      out.addAll(fused.subList(head, fused.size()));
      HybridSearcher.Retrieved r = context.retrieved();
      return new Reranking(new HybridSearcher.Retrieved(r.lexical(), r.vector(), out, r.lexicalPassages(),
          r.vectorPassages()), null, tag());
    }

    @Override
    public String tag() {
      return "reverse-test";
    }
  };

  @Test
  void aRerankedRunReordersTheHybridRunsHeadAndKeepsItsTail(@TempDir Path dir, Random random) throws Exception {
    HashingEmbedder embedder = new HashingEmbedder(32);
    try (DocumentCollection c = DocumentCollection.open("c", dir.resolve("c"), embedder,
        CollectionOptions.defaults())) {
      List<SourceDocument> docs = new ArrayList<>();
      for (int i = 0; i < 700; i++) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 12; w++) {
          text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        docs.add(SourceDocument.of("d" + i, "", text.toString()));
      }
      c.upsert(docs);
      c.commit();
      Path beir = Files.createDirectories(dir.resolve("beir"));
      List<String> queries = new ArrayList<>();
      List<String> qrels = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
      for (int q = 0; q < 6; q++) {
        queries.add("{\"_id\":\"q" + q + "\",\"text\":\"" + WORDS[q] + " " + WORDS[q + 3] + "\"}");
        qrels.add("q" + q + "\td" + (q * 7) + "\t1");
      }
      Files.write(beir.resolve("queries.jsonl"), queries);
      Files.createDirectories(beir.resolve("qrels"));
      Files.write(beir.resolve("qrels/test.tsv"), qrels);

      HybridSearcher plain = new HybridSearcher(embedder, TextAnalysis.englishAnalyzer(),
          VectorRetriever.Params.DEFAULT, null);
      HybridSearcher searcher = plain.withRerankers(snapshot -> REVERSE);
      var config = new BeirExperiment.Config("test", List.of(RunSpec.HYBRID, RunSpec.RERANKED), 1000,
          FusionMethod.RRF, 0.5, 128, dir.resolve("runs"), false, HEAD);
      List<BeirExperiment.ModeResult> results = BeirExperiment.run(c, searcher, beir, "t", config,
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

      BeirExperiment.ModeResult hybrid = results.get(0);
      BeirExperiment.ModeResult reranked = results.get(1);
      assertEquals("rerank[reverse-test]", reranked.name());
      assertEquals(dir.resolve("runs").resolve("t-test-trawl-rerank-reverse-test-rrf.trec"), reranked.runFile());
      boolean servingDiffers = false;
      try (CollectionSnapshot s = c.snapshot()) {
        for (int q = 0; q < 6; q++) {
          String id = "q" + q;
          List<String> base = hybrid.run().rankedDocIds(id);
          List<String> run = reranked.run().rankedDocIds(id);
          assertEquals(base.size(), run.size(), id);
          String text = WORDS[q] + " " + WORDS[q + 3];
          float[] vector = embedder.embedQuery(text);
          List<String> deep = plain.retrieve(s, SearchRequest.of(text).withDepth(1000), vector).fused().stream()
              .limit(HEAD).map(Fused::key).toList();
          assertEquals(new HashSet<>(base.subList(0, HEAD)), new HashSet<>(deep), id + ": the hybrid run's head");
          assertEquals(deep.reversed(), run.subList(0, HEAD), id + ": the same documents, reranked");
          assertEquals(base.subList(HEAD, base.size()), run.subList(HEAD, run.size()),
              id + ": then the hybrid run's tail, ties in the same order");

          List<String> serving = plain.retrieve(s, SearchRequest.of(text), vector).fused().stream()
              .limit(HEAD).map(Fused::key).toList();
          servingDiffers |= !new HashSet<>(serving).equals(new HashSet<>(base.subList(0, HEAD)));
        }
      }
      assertTrue(servingDiffers, "the fixture must make a default search's head differ from the deep run's");
      assertEquals(hybrid.report().mean("recall@1000"), reranked.report().mean("recall@1000"));
      assertNotEquals(hybrid.run().rankedDocIds("q0").get(0), reranked.run().rankedDocIds("q0").get(0));
    }
  }
}
