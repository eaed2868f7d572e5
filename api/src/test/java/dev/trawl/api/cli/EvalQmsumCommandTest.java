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

  /** A bad split or option is a usage error (exit 2) naming it, found before anything is indexed. */
  @Test
  void badSplitsAndOptionsAreUsageErrorsBeforeAnyWork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path work)
      throws Exception {
    java.nio.file.Path qmsum = TinyBeir.write(work, "tiny-qmsum");
    String data = work.resolve("data").toString();
    Object[][] cases = {
        {"--split: no qrels for split 'dev'", new String[] {"--split", "dev"}},
        {"--modes: unknown mode 'fast'", new String[] {"--modes", "lexical,fast"}},
        {"--index takes turns, windows or both, got 'all'", new String[] {"--index", "all"}},
        {"--fusion: unknown fusion 'max'", new String[] {"--fusion", "max"}},
    };
    for (Object[] c : cases) {
      List<String> args = new java.util.ArrayList<>(List.of("eval-qmsum", qmsum.toString(), "--data", data));
      args.addAll(List.of((String[]) c[1]));
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.both());
      assertTrue(r.err().startsWith("trawl: " + c[0]), String.join(" ", args) + "\n" + r.both());
    }
    assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of(data)), "a usage error opens nothing");
  }
}
