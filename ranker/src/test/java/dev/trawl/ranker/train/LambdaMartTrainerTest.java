package dev.trawl.ranker.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.ranker.eval.Evaluator;
import dev.trawl.ranker.eval.Metric;
import dev.trawl.ranker.eval.Qrels;
import dev.trawl.ranker.feature.RankingFeature;
import dev.trawl.ranker.model.RerankerModel;
import dev.trawl.ranker.model.TreeEnsemble;
import dev.trawl.testing.SeededRandomExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SeededRandomExtension.class)
class LambdaMartTrainerTest {
  private static final LambdaMartParams PARAMS = LambdaMartParams.defaults(42).withRounds(60, 30)
      .withObjective("rank:ndcg", "topk", 10).withThreads(2);

  @Test
  void sameSeedGivesTheSameModelBytes(Random random) {
    List<QueryCandidates> train = SyntheticCandidates.generate(random, "t", 40, 30);
    List<QueryCandidates> valid = SyntheticCandidates.generate(random, "v", 15, 30);
    Qrels qrels = SyntheticCandidates.qrels(valid);
    LambdaMartTrainer trainer = new LambdaMartTrainer(5);
    LambdaMartTrainer.Result a = trainer.train(train, valid, qrels, PARAMS, Metric.recall(10), null);
    LambdaMartTrainer.Result b = trainer.train(train, valid, qrels, PARAMS, Metric.recall(10), null);
    assertArrayEquals(a.modelJson(), b.modelJson(), "fixed seed and threads: identical model");
    assertEquals(a.rounds(), b.rounds());
    LambdaMartTrainer.Result other = trainer.train(train, valid, qrels, PARAMS.withSeed(7), Metric.recall(10), null);
    assertFalse(Arrays.equals(a.modelJson(), other.modelJson()), "the seed matters (row and column sampling)");
  }

  @Test
  void learnsTheSignalAndKeepsTheBestRound(Random random) {
    List<QueryCandidates> train = SyntheticCandidates.generate(random, "t", 60, 30);
    List<QueryCandidates> valid = SyntheticCandidates.generate(random, "v", 20, 30);
    Qrels qrels = SyntheticCandidates.qrels(valid);
    LambdaMartTrainer.Result r = new LambdaMartTrainer(5).train(train, valid, qrels, PARAMS, Metric.ndcg(10), null);
    assertTrue(r.rounds() > 0 && r.rounds() <= r.stoppedAt());
    double fused = Evaluator.of("ndcg@10").evaluate(qrels, ScoredRuns.fused("fused", valid)).mean("ndcg@10");
    // score the validation queries with the kept model, in Java
    TreeEnsemble trees = new RerankerModel(RankingFeature.schema(), r.modelJson(), null).trees();
    float[] scores = new float[valid.size() * 30];
    int at = 0;
    for (QueryCandidates q : valid) {
      float[] s = trees.predict(q.features().values(), q.size(), q.features().columns());
      System.arraycopy(s, 0, scores, at, s.length);
      at += s.length;
    }
    double reranked = Evaluator.of("ndcg@10").evaluate(qrels, ScoredRuns.byScore("m", valid, scores))
        .mean("ndcg@10");
    assertEquals(r.validation().get("ndcg@10"), reranked, 1e-9,
        "the saved model is the best iteration the validation saw");
    assertTrue(reranked > fused + 0.1, "model " + reranked + " vs fused order " + fused);
  }
}
