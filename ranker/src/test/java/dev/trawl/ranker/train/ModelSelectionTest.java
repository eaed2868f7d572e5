package dev.trawl.ranker.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSelectionTest {
  @Test
  void namedConfigurationsTakeWhatTheyLeaveOutFromTheDefaults() {
    List<LambdaMartParams> grid = ModelSelection.grid("rank:ndcg/topk@100/d4, rank:pairwise/mean@8/eta0.05", 7, 100);
    assertEquals(2, grid.size());
    LambdaMartParams defaults = LambdaMartParams.defaults(7);
    assertEquals(defaults.withObjective("rank:ndcg", "topk", 100).withTrees(defaults.eta(), 4, 1.0), grid.get(0));
    assertEquals(defaults.withObjective("rank:pairwise", "mean", 8).withTrees(0.05, defaults.maxDepth(), 1.0),
        grid.get(1));
    assertEquals("rank:ndcg/topk@100 d4 eta0.1", grid.get(0).label());
  }

  @Test
  void aNamedGridCanRepeatAConfigurationOfTheDefaultGrid() {
    List<LambdaMartParams> full = ModelSelection.grid("default", 42, 100);
    assertEquals(List.of(full.get(6)), ModelSelection.grid("rank:ndcg/topk@100/d4/eta0.1", 42, 100));
  }

  @Test
  void malformedConfigurationsAreRefusedWithTheExpectedForm() {
    var e = assertThrows(IllegalArgumentException.class, () -> ModelSelection.grid("rank:ndcg/topk", 42, 100));
    assertEquals(true, e.getMessage().contains("objective/method@pairs"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModelSelection.grid("rank:ndcg/topk@100/x4", 42, 100));
    assertThrows(IllegalArgumentException.class, () -> ModelSelection.grid("rank:ndcg/topk@ten", 42, 100));
    assertThrows(IllegalArgumentException.class, () -> ModelSelection.grid("rank:lambda/topk@10", 42, 100));
    assertThrows(IllegalArgumentException.class, () -> ModelSelection.grid("bogus", 42, 100));
  }
}
