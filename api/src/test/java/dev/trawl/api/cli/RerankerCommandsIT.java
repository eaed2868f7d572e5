package dev.trawl.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.ranker.model.ModelStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline loop on a tiny BEIR folder with the real embedder: {@code train} stores a model in
 * the collection, {@code eval} compares hybrid with reranked runs and writes the HTML report,
 * {@code features} writes a LETOR log, {@code search} serves and explains the reranked order.
 */
class RerankerCommandsIT {
  private static final String[] TOPICS = {"volcano eruption lava", "coral reef bleaching", "glacier ice melt",
      "honeybee colony collapse", "comet tail dust", "tornado wind damage", "desert sand dunes",
      "bamboo forest growth", "falcon hunting flight", "orchid flower pollination", "tidal energy turbines",
      "lightning strike storms"};

  /** Writes a BEIR folder of 12 topics x 4 documents; 18 training and 6 test queries. */
  static Path writeDataset(Path work) throws Exception {
    Path beir = Files.createDirectories(work.resolve("tiny"));
    List<String> corpus = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    List<String> train = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
    List<String> test = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
    for (int t = 0; t < TOPICS.length; t++) {
      String[] w = TOPICS[t].split(" ");
      for (int i = 0; i < 4; i++) {
        String id = "t" + t + "d" + i;
        String title = i == 0 ? w[0] + " " + w[1] : "Notes " + i;
        String text = i == 0 ? "A study of " + TOPICS[t] + " and how " + w[0] + " " + w[2] + " changes over time."
            : "Field notes mention " + w[0] + " once among many other unrelated observations number " + i + ".";
        corpus.add("{\"_id\":\"" + id + "\",\"title\":\"" + title + "\",\"text\":\"" + text + "\"}");
      }
      for (int q = 0; q < 2; q++) {
        String qid = "q" + t + "_" + q;
        queries.add("{\"_id\":\"" + qid + "\",\"text\":\"" + (q == 0 ? "what causes " + w[0] + " " + w[2]
            : w[1] + " of " + w[0]) + "\"}");
        (t < 9 ? train : test).add(qid + "\tt" + t + "d0\t1");
      }
    }
    Files.write(beir.resolve("corpus.jsonl"), corpus);
    Files.write(beir.resolve("queries.jsonl"), queries);
    Files.createDirectories(beir.resolve("qrels"));
    Files.write(beir.resolve("qrels/train.tsv"), train);
    Files.write(beir.resolve("qrels/test.tsv"), test);
    return beir;
  }

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(args);
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, "trawl " + String.join(" ", args) + " failed:\n" + out);
    return out;
  }

  @Test
  void trainEvaluateLogAndServe(@TempDir Path work) throws Exception {
    Path beir = writeDataset(work);
    Path data = work.resolve("data");
    String trained = run("train", beir.toString(), "--data", data.toString(), "--grid", "quick", "--max-rounds",
        "30", "--eval-every", "5", "--target", "recall@3");
    assertTrue(trained.contains("<- kept"), trained);
    Path collection = data.resolve("collections").resolve("beir-tiny");
    assertTrue(Files.isRegularFile(ModelStore.modelFile(collection)), "model stored in the collection");
    assertTrue(Files.isRegularFile(ModelStore.schemaFile(collection)));

    Path report = work.resolve("report.html");
    String json = run("eval", beir.toString(), "--data", data.toString(), "-m", "hybrid,rerank", "--no-latency",
        "--run-dir", work.resolve("runs").toString(), "--report", report.toString(), "--json");
    JsonNode out = new ObjectMapper().readTree(json.lines().reduce((a, b) -> b).orElseThrow());
    assertEquals("hybrid", out.path("comparison").path("baseline").asText());
    assertEquals(2, out.path("comparison").path("runs").size());
    assertTrue(out.path("comparison").path("comparisons").get(0).has("p_value"));
    String html = Files.readString(report);
    assertTrue(html.contains("<svg") && html.contains("Recall@K"), "report has its charts");

    // --model also takes a copied models folder under another name (a backup, another machine's).
    Path backup = Files.createDirectories(work.resolve("models-backup"));
    Files.copy(ModelStore.modelFile(collection), backup.resolve(ModelStore.MODEL_FILE));
    Files.copy(ModelStore.schemaFile(collection), backup.resolve(ModelStore.SCHEMA_FILE));
    CliRun fromBackup = CliRun.of("eval", beir.toString(), "--data", data.toString(), "-m", "hybrid,rerank",
        "--no-latency", "--run-dir", work.resolve("runs-backup").toString(), "--model", backup.toString());
    assertEquals(0, fromBackup.code(), fromBackup.both());
    assertTrue(fromBackup.err().contains("(reranker lambdamart-"), "progress names the model: " + fromBackup.both());

    List<Path> runFiles;
    try (var files = Files.list(work.resolve("runs"))) {
      runFiles = files.sorted().toList();
    }
    assertEquals(2, runFiles.size());
    String compared = run("eval", beir.toString(), "--runs", runFiles.get(0) + "," + runFiles.get(1));
    assertTrue(compared.contains("win/loss/tie"), compared);

    Path letor = work.resolve("test.letor");
    run("features", beir.toString(), "--split", "test", "--data", data.toString(), "-o", letor.toString());
    List<String> lines = Files.readAllLines(letor);
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("#")), "only data lines: " + lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("1 qid:1 ")), "a relevant candidate of query 1");

    String search = run("search", "what causes volcano lava", "-c", "beir-tiny", "--data", data.toString(),
        "--explain", "features", "-k", "3");
    assertTrue(search.contains("reranked by lambdamart-"), search);
    assertTrue(search.contains("bm25_contents="), search);
    String plain = run("search", "what causes volcano lava", "-c", "beir-tiny", "--data", data.toString(),
        "--no-rerank", "-k", "3");
    assertTrue(!plain.contains("reranked by"), plain);
  }
}
