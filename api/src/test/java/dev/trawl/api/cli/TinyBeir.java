package dev.trawl.api.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A BEIR folder small enough to index in a test: 8 topics of 3 documents each; every topic has one
 * query in {@code qrels/test.tsv} and one in {@code qrels/train.tsv}, each judging the topic's
 * first document relevant. Query ids: {@code test-T} and {@code train-T}.
 */
final class TinyBeir {
  static final String[] TOPICS = {"volcano eruption lava", "coral reef bleaching", "glacier ice melt",
      "honeybee colony collapse", "comet tail dust", "tornado wind damage", "desert sand dunes",
      "bamboo forest growth"};

  private TinyBeir() {}

  /** Writes the folder {@code work/name} and returns it. */
  static Path write(Path work, String name) throws IOException {
    Path beir = Files.createDirectories(work.resolve(name).resolve("qrels"));
    List<String> corpus = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    List<String> test = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
    List<String> train = new ArrayList<>(List.of("query-id\tcorpus-id\tscore"));
    for (int t = 0; t < TOPICS.length; t++) {
      String[] w = TOPICS[t].split(" ");
      for (int i = 0; i < 3; i++) {
        String text = i == 0 ? "A study of " + TOPICS[t] + " and how " + w[0] + " " + w[2] + " changes."
            : "Field notes mention " + w[0] + " once among other observations number " + i + ".";
        corpus.add("{\"_id\":\"t" + t + "d" + i + "\",\"title\":\"Notes " + i + "\",\"text\":\"" + text + "\"}");
      }
      queries.add("{\"_id\":\"test-" + t + "\",\"text\":\"what causes " + w[0] + " " + w[2] + "\"}");
      queries.add("{\"_id\":\"train-" + t + "\",\"text\":\"" + w[1] + " of " + w[0] + "\"}");
      test.add("test-" + t + "\tt" + t + "d0\t1");
      train.add("train-" + t + "\tt" + t + "d0\t1");
    }
    Files.write(beir.getParent().resolve("corpus.jsonl"), corpus);
    Files.write(beir.getParent().resolve("queries.jsonl"), queries);
    Files.write(beir.resolve("test.tsv"), test);
    Files.write(beir.resolve("train.tsv"), train);
    return beir.getParent();
  }
}
