package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trawl.query.SearchMode;
import dev.trawl.ranker.eval.EvalReport;
import dev.trawl.ranker.eval.QmsumExperiment;
import dev.trawl.ranker.eval.QmsumExperiment.Result;
import dev.trawl.ranker.eval.QmsumExperiment.Scope;
import dev.trawl.ranker.eval.Run;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table {@code eval-qmsum} prints. */
class EvalQmsumCommandTest {
  private static Result result(Scope scope, double r100) {
    EvalReport report = new EvalReport(QmsumExperiment.METRICS, Map.of(), Map.of("ndcg@10", 0.5, "recall@10", 0.4,
        "recall@50", 0.6, "recall@100", r100), List.of());
    return new Result(QmsumExperiment.variant("windows"), SearchMode.LEXICAL, "lexical", scope, report,
        Run.builder("t").build(), new QmsumExperiment.IndexStats(10, 3.0, 300, 1, true));
  }

  /** --help promises Recall@100, and the published QMSum baselines are R@100: the table has it per scope. */
  @Test
  void theTableHasRecallAt100PerScope() {
    String table = EvalQmsumCommand.markdown(List.of(result(Scope.MEETING, 0.7123), result(Scope.ALL, 0.3456)),
        List.of(Scope.MEETING, Scope.ALL));
    List<String> lines = table.lines().toList();
    assertTrue(lines.get(0).contains(" meeting R@100 |") && lines.get(0).contains(" all R@100 |"), table);
    assertEquals(lines.get(0).chars().filter(c -> c == '|').count(), lines.get(1).chars().filter(c -> c == '|').count(),
        table);
    assertEquals(lines.get(0).chars().filter(c -> c == '|').count(), lines.get(2).chars().filter(c -> c == '|').count(),
        table);
    assertTrue(lines.get(2).contains("| 0.7123 |") && lines.get(2).contains("| 0.3456 |"), table);
  }
}
