package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.ranker.feature.RankingFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What someone running offline ranking experiments on the tiny BEIR folder of {@link
 * RerankerCommandsIT} relies on: feature logs that other tools load as they are, reranker runs
 * that say which model made them, models that can be taken back, and readable explanations. One
 * model is trained for the class; tests that change models use collections of their own.
 */
class RerankerExperimentsIT {
  @TempDir static Path work;
  static Path beir;
  static Path data;

  @BeforeAll
  static void trainModel() throws Exception {
    beir = RerankerCommandsIT.writeDataset(work);
    data = work.resolve("data");
    CliRun trained = cli("train", beir.toString(), "--grid", "quick", "--max-rounds", "30", "--eval-every", "5",
        "--target", "recall@3");
    assertEquals(0, trained.code(), trained.both());
  }

  /** Runs the command line on the class's data folder. */
  static CliRun cli(String... args) {
    String[] withData = java.util.Arrays.copyOf(args, args.length + 2);
    withData[args.length] = "--data";
    withData[args.length + 1] = data.toString();
    return CliRun.of(withData);
  }

  @Test
  void explainPrintsWholeNumbersWithoutDecimals() {
    CliRun r = cli("search", "what causes volcano lava", "-c", "beir-tiny", "--explain", "features", "-k", "3");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("fused_rank=1 "), r.out());
    assertFalse(Pattern.compile("(lexical_rank|vector_rank|fused_rank|query_length|document_passages)=\\d+\\.")
        .matcher(r.out()).find(), "ranks and counts without decimals:\n" + r.out());
    assertTrue(Pattern.compile("vector_similarity=0\\.\\d{4}").matcher(r.out()).find(), "others to 4 digits:\n"
        + r.out());
  }

  @Test
  void featureLogLoadsIntoXgboostAndItsSidecarsSayWhatItHolds() throws Exception {
    Path letor = work.resolve("test.letor");
    CliRun r = cli("features", beir.toString(), "--split", "test", "-o", letor.toString());
    assertEquals(0, r.code(), r.both());
    assertTrue(r.err().contains("qid: the query's position in the file"), r.err());

    List<String> lines = Files.readAllLines(letor);
    assertTrue(lines.stream().allMatch(l -> l.matches("[0-9]+ qid:[0-9]+( [0-9]+:\\S+)+ # doc=.*")),
        "only data lines: " + lines.get(0));

    List<String[]> qids = Files.readAllLines(FeaturesCommand.sidecar(letor, ".qids.tsv")).stream()
        .map(l -> l.split("\t")).toList();
    assertArrayEquals(new String[] {"qid", "query_id", "candidates"}, qids.get(0));
    assertEquals(7, qids.size(), "6 test queries");
    assertArrayEquals(new String[] {"1", "q9_0"}, java.util.Arrays.copyOf(qids.get(1), 2));
    int[] groups = new int[qids.size()];
    for (int i = 1; i < qids.size(); i++) {
      groups[i] = groups[i - 1] + Integer.parseInt(qids.get(i)[2]);
    }

    List<String[]> features = Files.readAllLines(FeaturesCommand.sidecar(letor, ".features.tsv")).stream()
        .map(l -> l.split("\t")).toList();
    assertArrayEquals(new String[] {"index", "name", "version", "missing_rows", "missing_written_as", "definition"},
        features.get(0));
    assertEquals(RankingFeature.values().length + 1, features.size());
    String[] lexicalRank = features.get(RankingFeature.LEXICAL_RANK.column() + 1);
    assertEquals(List.of(String.valueOf(RankingFeature.LEXICAL_RANK.column() + 1), "lexical_rank", "1"),
        List.of(lexicalRank).subList(0, 3));
    assertTrue(Integer.parseInt(lexicalRank[3]) > 0, "documents without a query term are missing from BM25");
    assertEquals("absent", lexicalRank[4]);

    DMatrix d = new DMatrix(letor + "?format=libsvm&indexing_mode=1");
    try {
      assertEquals(lines.size(), d.rowNum());
      assertArrayEquals(groups, d.getGroup(), "one group per query, sized as the qid table says");
      float relevant = 0;
      for (float label : d.getLabel()) {
        relevant += label;
      }
      assertEquals(6, relevant, "each test query's relevant document is a candidate");
    } finally {
      d.dispose();
    }

    Path explicit = work.resolve("explicit.letor");
    CliRun withMissing = cli("features", beir.toString(), "--split", "test", "-o", explicit.toString(), "--missing",
        "-1");
    assertEquals(0, withMissing.code(), withMissing.both());
    int lexicalIndex = RankingFeature.LEXICAL_RANK.column() + 1;
    assertTrue(Files.readAllLines(explicit).stream().anyMatch(l -> l.contains(" " + lexicalIndex + ":-1 ")));
    assertTrue(Files.readString(FeaturesCommand.sidecar(explicit, ".features.tsv")).contains("\tlexical_rank\t1\t"
        + lexicalRank[3] + "\t-1\t"));

    CliRun nan = cli("features", beir.toString(), "--split", "test", "-o", explicit.toString(), "--missing", "NaN");
    assertEquals(2, nan.code(), nan.both());
    assertTrue(nan.err().contains("--missing must be a finite number"), nan.err());
  }

  @Test
  void aRerankedRunIsNamedAfterItsModelInFilesTablesJsonAndReport() throws Exception {
    Path runs = work.resolve("runs-named");
    Path report = work.resolve("named.html");
    Path expectations = work.resolve("expectations");
    CliRun r = cli("eval", beir.toString(), "-m", "hybrid,rerank", "--no-latency", "--run-dir", runs.toString(),
        "--report", report.toString(), "--write-expectations", expectations.toString(), "--json");
    assertEquals(0, r.code(), r.both());
    JsonNode out = new ObjectMapper().readTree(r.out().lines().reduce((a, b) -> b).orElseThrow());
    String model = out.path("modes").path("rerank").path("model").asText();
    assertTrue(model.matches("lambdamart-[0-9a-f]{10}"), out.toString());
    assertFalse(out.path("modes").path("hybrid").has("model"));
    String name = "rerank[" + model + "]";
    assertEquals(List.of("hybrid", name), List.of(out.path("comparison").path("runs").get(0).asText(),
        out.path("comparison").path("runs").get(1).asText()));

    assertTrue(Files.isRegularFile(runs.resolve("tiny-test-trawl-hybrid-rrf.trec")), "other runs keep their names");
    Path rerankRun = runs.resolve("tiny-test-trawl-rerank-" + model + "-rrf.trec");
    assertEquals(rerankRun.toString(), out.path("modes").path("rerank").path("run_file").asText());
    assertTrue(Files.readString(rerankRun).contains(" trawl-rerank-" + model + "-rrf"), "the run tag too");

    String html = Files.readString(report);
    assertTrue(html.contains("<td>" + name + "</td>"), "report rows name the model");
    assertTrue(html.contains(name + ": what a default search serves, reranked by model " + model), html);
    assertTrue(Pattern.compile("Written \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC by: trawl eval .*-m hybrid,rerank")
        .matcher(html).find(), "date and command line in the report");
    assertTrue(Files.readString(expectations.resolve("tiny-test-rerank.json")).contains("\"model\" : \"" + model
        + "\""));
    assertFalse(Files.readString(expectations.resolve("tiny-test-hybrid.json")).contains("\"model\""));

    Path rerankFile = expectations.resolve("tiny-test-rerank.json");
    CliRun same = cli("eval", beir.toString(), "-m", "rerank", "--no-latency", "--run-dir", runs.toString(), "--check",
        expectations.toString());
    assertEquals(0, same.code(), same.both());
    assertFalse(same.err().contains("so the check compares two models"), same.both());
    Files.writeString(rerankFile, Files.readString(rerankFile).replace(model, "lambdamart-0000000000"));
    CliRun other = cli("eval", beir.toString(), "-m", "rerank", "--no-latency", "--run-dir", runs.toString(), "--check",
        expectations.toString());
    assertTrue(other.err().contains("was written with model lambdamart-0000000000; run rerank used " + model
        + ", so the check compares two models"), other.both());

    CliRun table = cli("eval", beir.toString(), "-m", "hybrid,rerank", "--no-latency", "--run-dir", runs.toString(),
        "--baseline", "rerank");
    assertEquals(0, table.code(), table.both());
    assertTrue(Pattern.compile("(?m)^" + Pattern.quote(name) + " +\\d\\.\\d{4}").matcher(table.out()).find(),
        "the metrics table's row: " + table.out());
    assertTrue(Pattern.compile("(?m)^ndcg@10 +" + Pattern.quote(name) + " +\\d\\.\\d{4} +baseline")
        .matcher(table.out()).find(), "--baseline rerank finds the reranked run: " + table.out());
  }

  @Test
  void trainingKeepsThePreviousModelWhichTheModelCommandBringsBack() throws Exception {
    String[] quick = {"--grid", "quick", "--max-rounds", "30", "--eval-every", "5", "--target", "recall@3"};
    CliRun first = cli(concat(new String[] {"train", beir.toString(), "-c", "tiny-models"}, quick));
    assertEquals(0, first.code(), first.both());
    String firstTag = savedTag(first);
    assertTrue(first.out().contains("next:\n  searches on 'tiny-models' now rerank with " + firstTag + " by default"
        + " (turn it off per search with --no-rerank, or \"rerank\": false over HTTP)"), first.out());
    assertTrue(first.out().contains("  measure it:  ./trawl eval " + beir + " -m hybrid,rerank -c tiny-models --data "
        + data), first.out());
    assertFalse(first.out().contains("previous model"), "nothing to keep yet");
    assertFalse(first.err().contains("warning"), first.err());

    CliRun second = cli(concat(new String[] {"train", beir.toString(), "-c", "tiny-models", "--split", "test"},
        quick));
    assertEquals(0, second.code(), second.both());
    assertTrue(second.err().contains("warning: training on the test split"), second.err());
    String secondTag = savedTag(second);
    assertFalse(secondTag.equals(firstTag), "another split trains another model");
    Path collection = data.resolve("collections").resolve("tiny-models");
    assertTrue(second.out().contains("previous model " + firstTag + " kept in " + collection.resolve("models")
        .resolve("previous")), second.out());
    assertTrue(second.out().contains("  go back:     ./trawl model -c tiny-models --restore-previous --data " + data),
        second.out());

    assertTrue(collectionsLine("tiny-models").endsWith("model " + secondTag), collectionsLine("tiny-models"));
    assertTrue(collectionsLine("beir-tiny").matches(".* model lambdamart-[0-9a-f]{10}"));
    CliRun show = cli("model", "-c", "tiny-models");
    assertEquals(0, show.code(), show.both());
    assertTrue(show.out().contains("model      " + secondTag + " ("), show.out());
    assertTrue(Pattern.compile("trained    20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, tiny split test "
        + "\\(5 queries;").matcher(show.out()).find(), show.out());
    assertTrue(show.out().contains("previous   " + firstTag + " ("), show.out());

    CliRun restore = cli("model", "-c", "tiny-models", "--restore-previous");
    assertEquals(0, restore.code(), restore.both());
    assertTrue(restore.out().contains("now reranks with " + firstTag + "; " + secondTag + " is kept"), restore.out());
    assertTrue(search("tiny-models").contains("reranked by " + firstTag), "searches use the restored model");

    CliRun remove = cli("model", "-c", "tiny-models", "--remove");
    assertEquals(0, remove.code(), remove.both());
    assertTrue(remove.out().startsWith("removed " + firstTag), remove.out());
    assertTrue(collectionsLine("tiny-models").endsWith("model -"), collectionsLine("tiny-models"));
    assertFalse(search("tiny-models").contains("reranked by"), "no model: hybrid order");
    assertTrue(cli("model", "-c", "tiny-models", "--restore-previous").out().contains("now reranks with " + firstTag));

    assertEquals(2, cli("model").code(), "-c is required");
    assertEquals(2, cli("model", "-c", "tiny-models", "--remove", "--restore-previous").code());
    CliRun unknown = cli("model", "-c", "nope");
    assertEquals(1, unknown.code(), unknown.both());
    assertTrue(unknown.err().contains("no collection named 'nope'"), unknown.err());
  }

  private static String savedTag(CliRun trained) {
    assertTrue(trained.err().contains("candidates: ") && !trained.out().contains("candidates: "),
        "progress goes to stderr, results to stdout: " + trained.both());
    var m = Pattern.compile("model (lambdamart-[0-9a-f]{10}) saved to").matcher(trained.out());
    assertTrue(m.find(), trained.out());
    return m.group(1);
  }

  private static String collectionsLine(String name) {
    CliRun list = cli("collections");
    assertEquals(0, list.code(), list.both());
    return list.out().lines().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
  }

  private static String search(String collection) {
    CliRun r = cli("search", "what causes volcano lava", "-c", collection, "-k", "3");
    assertEquals(0, r.code(), r.both());
    return r.out();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
