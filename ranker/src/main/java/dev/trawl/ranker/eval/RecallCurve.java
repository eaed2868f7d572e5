package dev.trawl.ranker.eval;

import java.util.List;
import java.util.Map;

/**
 * Mean Recall@K of a run for every K from 1 to a maximum, over the queries of the qrels (a query
 * missing from the run, or without relevant documents, contributes 0, as {@link Evaluator} scores
 * it). {@code values()[k - 1]} equals {@code Evaluator.of("recall@k")}'s mean.
 */
public record RecallCurve(String run, double[] values) {

  public static RecallCurve of(String name, Qrels qrels, Run run, int maxK) {
    double[] sum = new double[maxK];
    int queries = 0;
    for (String qid : qrels.queryIds()) {
      queries++;
      int relevant = qrels.relevantCount(qid);
      if (relevant == 0) {
        continue;
      }
      Map<String, Integer> judged = qrels.judgments(qid);
      List<RunEntry> entries = run.entries(qid);
      // found[k] = relevant documents at ranks <= k + 1
      int found = 0;
      for (int k = 0; k < maxK; k++) {
        if (k < entries.size()) {
          Integer grade = judged.get(entries.get(k).docId());
          if (grade != null && grade > 0) {
            found++;
          }
        }
        sum[k] += found / (double) relevant;
      }
    }
    for (int k = 0; k < maxK; k++) {
      sum[k] = queries == 0 ? 0 : sum[k] / queries;
    }
    return new RecallCurve(name, sum);
  }

  /** Mean Recall@k, 1-based. */
  public double at(int k) {
    return values[k - 1];
  }
}
