package dev.trawl.ranker.train;

import dev.trawl.ranker.eval.Metric;
import dev.trawl.ranker.eval.Qrels;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains one model per configuration of a grid and keeps the best on the validation target, ties
 * broken by {@link LambdaMartTrainer#tieBreak} and then by grid order (so the outcome is
 * deterministic).
 */
public final class ModelSelection {
  private final LambdaMartTrainer trainer;

  public ModelSelection(LambdaMartTrainer trainer) {
    this.trainer = trainer;
  }

  /** One configuration's outcome. */
  public record Trial(LambdaMartParams params, LambdaMartTrainer.Result result) {}

  /** All trials, in grid order, and the selected one. */
  public record Outcome(List<Trial> trials, Trial best) {}

  /**
   * The configurations tried by {@code trawl train}.
   *
   * <ul>
   *   <li>{@code quick}: rank:ndcg with top-k pairs truncated at the target cutoff, and rank:pairwise
   *       with 8 sampled pairs per document: one listwise and one pairwise baseline.
   *   <li>{@code default}: the LambdaMART objectives ({@code rank:ndcg}, {@code rank:pairwise},
   *       {@code rank:map}) with both pair methods: top-k at the target cutoff (pairs that can
   *       move a document across the cutoff) and at 20, and mean with 8 pairs per document; plus
   *       shallower trees (depth 4) for the first.
   *   <li>otherwise, configurations named one by one, comma-separated, each
   *       {@code objective/method@pairs[/dDEPTH][/etaETA]} (see {@link LambdaMartParams#parse}), e.g.
   *       {@code rank:ndcg/topk@100/d4,rank:pairwise/mean@8}: to retrain a kept configuration alone.
   * </ul>
   *
   * @param cutoff the target metric's cutoff (e.g. 100 for recall@100), the top-k truncation
   */
  public static List<LambdaMartParams> grid(String name, long seed, int cutoff) {
    LambdaMartParams base = LambdaMartParams.defaults(seed);
    int k = Math.max(10, cutoff);
    if (name.contains("/")) {
      List<LambdaMartParams> named = new ArrayList<>();
      for (String spec : name.split(",")) {
        named.add(LambdaMartParams.parse(spec.strip(), base));
      }
      return List.copyOf(named);
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "quick" -> List.of(
          base.withObjective("rank:ndcg", "topk", k),
          base.withObjective("rank:pairwise", "mean", 8));
      case "default", "full" -> List.of(
          base.withObjective("rank:ndcg", "topk", k),
          base.withObjective("rank:ndcg", "topk", 20),
          base.withObjective("rank:ndcg", "mean", 8),
          base.withObjective("rank:pairwise", "mean", 8),
          base.withObjective("rank:pairwise", "topk", k),
          base.withObjective("rank:map", "topk", k),
          base.withObjective("rank:ndcg", "topk", k).withTrees(base.eta(), 4, 1.0));
      default -> throw new IllegalArgumentException("unknown grid '" + name
          + "'; use quick, default or configurations such as rank:ndcg/topk@100/d6/eta0.1");
    };
  }

  /** Trains every configuration of {@code grid} and selects on {@code target}. */
  public Outcome select(List<QueryCandidates> train, List<QueryCandidates> valid, Qrels validQrels,
      List<LambdaMartParams> grid, Metric target, PrintStream log) {
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("empty grid");
    }
    List<Trial> trials = new ArrayList<>();
    Trial best = null;
    for (LambdaMartParams p : grid) {
      Trial t = new Trial(p, trainer.train(train, valid, validQrels, p, target, log));
      trials.add(t);
      if (best == null || LambdaMartTrainer.better(t.result().validation(), best.result().validation(), target)) {
        best = t;
      }
    }
    return new Outcome(List.copyOf(trials), best);
  }
}
