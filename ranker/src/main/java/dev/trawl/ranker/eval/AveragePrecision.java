package dev.trawl.ranker.eval;

import java.util.List;
import java.util.Map;

/**
 * Uninterpolated average precision over the whole ranked list, defined as {@code trec_eval -m
 * map} defines it (its mean over queries is MAP): the sum, over the ranks r at which a relevant
 * document (grade {@code > 0}) was retrieved, of precision at r, divided by the number of relevant
 * documents judged for the query (retrieved or not); 0 when the query has none.
 */
public final class AveragePrecision implements Metric {
  static final AveragePrecision INSTANCE = new AveragePrecision();

  private AveragePrecision() {}

  @Override
  public String name() {
    return "map";
  }

  @Override
  public double score(List<String> rankedDocIds, Map<String, Integer> judgments) {
    int relevant = 0;
    for (int grade : judgments.values()) {
      if (grade > 0) {
        relevant++;
      }
    }
    if (relevant == 0) {
      return 0.0;
    }
    double sum = 0.0;
    int found = 0;
    for (int i = 0; i < rankedDocIds.size(); i++) {
      if (judgments.getOrDefault(rankedDocIds.get(i), 0) > 0) {
        found++;
        sum += (double) found / (i + 1);
      }
    }
    return sum / relevant;
  }

  @Override
  public String toString() {
    return name();
  }
}
