package dev.trawl.ranker.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-query effectiveness measure of a ranked list against relevance judgments.
 *
 * <p>Every implementation follows {@code trec_eval}'s conventions: a document is relevant when
 * its grade is {@code > 0} (relevance level 1); grades {@code <= 0} and unjudged documents are
 * non-relevant; graded gains are used only by nDCG. Implementations are immutable, thread-safe
 * value objects; two metrics with the same {@link #name()} are equal.
 *
 * <table>
 *   <caption>Metrics and their trec_eval equivalents</caption>
 *   <tr><th>factory</th><th>name</th><th>trec_eval</th></tr>
 *   <tr><td>{@link #ndcg(int) ndcg(10)}</td><td>ndcg@10</td><td>{@code -m ndcg_cut.10}</td></tr>
 *   <tr><td>{@link #recall(int) recall(100)}</td><td>recall@100</td>
 *       <td>{@code -m recall.100}</td></tr>
 *   <tr><td>{@link #precision(int) precision(10)}</td><td>p@10</td><td>{@code -m P.10}</td></tr>
 *   <tr><td>{@link #averagePrecision()}</td><td>map</td><td>{@code -m map}</td></tr>
 *   <tr><td>{@link #reciprocalRank(int) reciprocalRank(10)}</td><td>mrr@10</td>
 *       <td>{@code -M 10 -m recip_rank}</td></tr>
 * </table>
 */
public interface Metric {
  /**
   * The metric's canonical name, lower case: {@code ndcg@10}, {@code recall@100}, {@code p@10},
   * {@code map}, {@code mrr@10} ({@code mrr} without cutoff). {@link #parse(String)} reads it
   * back.
   */
  String name();

  /**
   * The metric's value for one query.
   *
   * @param rankedDocIds the retrieved document ids, best first, without repeats; may be empty
   * @param judgments the query's judged documents and their grades; may be empty. Documents not
   *     in it are non-relevant.
   * @return a value in [0, 1]; 0 when the query has no relevant document
   */
  double score(List<String> rankedDocIds, Map<String, Integer> judgments);

  /** nDCG with cutoff {@code k}, as {@code trec_eval -m ndcg_cut.k}. */
  static Metric ndcg(int k) {
    return new NdcgAtK(k);
  }

  /** Recall with cutoff {@code k}, as {@code trec_eval -m recall.k}. */
  static Metric recall(int k) {
    return new RecallAtK(k);
  }

  /** Precision with cutoff {@code k}, as {@code trec_eval -m P.k}. */
  static Metric precision(int k) {
    return new PrecisionAtK(k);
  }

  /** Reciprocal rank of the first relevant document within the top {@code k}. */
  static Metric reciprocalRank(int k) {
    return new ReciprocalRankAtK(k);
  }

  /** Reciprocal rank of the first relevant document, over the whole ranked list. */
  static Metric reciprocalRank() {
    return new ReciprocalRankAtK(ReciprocalRankAtK.NO_CUTOFF);
  }

  /** Average precision over the whole ranked list, as {@code trec_eval -m map}. */
  static Metric averagePrecision() {
    return AveragePrecision.INSTANCE;
  }

  /**
   * Reads a metric name, case-insensitively, in our spelling or {@code trec_eval}'s: {@code
   * ndcg@10}, {@code ndcg_cut_10}, {@code ndcg_cut.10}; {@code recall@100}, {@code recall_100},
   * {@code recall.100}, {@code r@100}; {@code p@10}, {@code P_10}, {@code P.10}; {@code map};
   * {@code mrr@10}, {@code mrr}, {@code recip_rank}.
   *
   * @throws IllegalArgumentException for anything else, or a cutoff below 1
   */
  static Metric parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    switch (n) {
      case "map", "ap" -> {
        return averagePrecision();
      }
      case "mrr", "recip_rank", "rr" -> {
        return reciprocalRank();
      }
      default -> {}
    }
    Matcher m = Pattern.compile("([a-z_]+?)[@._](\\d+)").matcher(n);
    if (m.matches()) {
      int k;
      try {
        k = Integer.parseInt(m.group(2));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("cutoff out of range in metric '" + name + "'");
      }
      switch (m.group(1)) {
        case "ndcg", "ndcg_cut" -> {
          return ndcg(k);
        }
        case "recall", "r" -> {
          return recall(k);
        }
        case "p" -> {
          return precision(k);
        }
        case "mrr", "rr", "recip_rank" -> {
          return reciprocalRank(k);
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException(
        "unknown metric '"
            + name
            + "'; expected one of ndcg@k, recall@k, p@k, mrr@k, mrr, map (or trec_eval names"
            + " such as ndcg_cut_10, recall.100, P_10, recip_rank)");
  }
}
