package dev.trawl.ranker.eval;

import dev.trawl.ranker.eval.RegressionExpectations.Outcome;
import dev.trawl.ranker.eval.RegressionExpectations.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The check of one evaluation's runs against a folder of regression files: for each run, the
 * {@link RegressionExpectations} in {@code <folder>/<dataset>-<split>-<run>.json}, if there is
 * one. A run without a file is not checked and is counted as such; a folder without a file for any
 * of the runs checks nothing, which a caller should treat as an error rather than a pass (a
 * mistyped folder in a CI gate). The check is one-sided ({@link RegressionExpectations}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RegressionCheck {
  private final Path folder;
  private final String dataset;
  private final String split;

  /**
   * @param folder the folder holding the regression files
   * @param dataset the dataset's name, e.g. {@code scifact}
   * @param split the qrels split evaluated, e.g. {@code test}
   */
  public RegressionCheck(Path folder, String dataset, String split) {
    this.folder = Objects.requireNonNull(folder, "folder");
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.split = Objects.requireNonNull(split, "split");
  }

  /** The name of a run's regression file: {@code <dataset>-<split>-<run>.json}. */
  public static String fileName(String dataset, String split, String run) {
    return dataset + "-" + split + "-" + run + ".json";
  }

  /** The file the check reads for {@code run}, whether or not it exists. */
  public Path file(String run) {
    return folder.resolve(fileName(dataset, split, run));
  }

  /** The files of {@code runs} that exist, in run order. */
  public List<Path> existingFiles(Collection<String> runs) {
    return runs.stream().map(this::file).filter(Files::isRegularFile).toList();
  }

  /**
   * Checks every run that has a regression file.
   *
   * @param reports each run's evaluation, by run name
   * @throws MalformedFileException if a regression file cannot be read as one
   */
  public Result check(SequencedMap<String, EvalReport> reports) throws IOException {
    return check(reports, Map.of());
  }

  /**
   * Checks every run that has a regression file, and notes each reranked run whose file was
   * written with another model than the one that made it (its numbers then compare two models).
   *
   * @param reports each run's evaluation, by run name
   * @param models the reranker model of each reranked run, by run name
   * @throws MalformedFileException if a regression file cannot be read as one
   */
  public Result check(SequencedMap<String, EvalReport> reports, Map<String, String> models) throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> without = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    List<String> modelChanges = new ArrayList<>();
    for (Map.Entry<String, EvalReport> e : reports.entrySet()) {
      Path file = file(e.getKey());
      if (!Files.isRegularFile(file)) {
        without.add(e.getKey());
        continue;
      }
      files.add(file);
      RegressionExpectations expected = RegressionExpectations.read(file);
      outcomes.addAll(expected.compare(e.getValue()));
      String model = models.get(e.getKey());
      if (model != null && expected.model() != null && !expected.model().equals(model)) {
        modelChanges.add(file + " was written with model " + expected.model() + "; run " + e.getKey() + " used "
            + model + ", so the check compares two models");
      }
    }
    return new Result(folder, files, without, outcomes, modelChanges);
  }

  /**
   * What a check found.
   *
   * @param folder the folder checked
   * @param files the regression files read, in run order
   * @param runsWithoutExpectations runs that have no file in the folder, so were not checked
   * @param outcomes every expectation of every file read, compared with its run's report
   * @param modelChanges a line for each reranked run checked against a file of another model
   */
  public record Result(Path folder, List<Path> files, List<String> runsWithoutExpectations, List<Outcome> outcomes,
      List<String> modelChanges) {
    public Result {
      files = List.copyOf(files);
      runsWithoutExpectations = List.copyOf(runsWithoutExpectations);
      outcomes = List.copyOf(outcomes);
      modelChanges = List.copyOf(modelChanges);
    }

    /** Whether no expectation failed (a regression, or a metric a report lacks). */
    public boolean passed() {
      return regressions().isEmpty();
    }

    /** The failed expectations, in file order. */
    public List<Outcome> regressions() {
      return outcomes.stream().filter(Outcome::fails).toList();
    }

    /** The expectations beaten by more than their tolerance: files to rewrite. */
    public List<Outcome> improvements() {
      return outcomes.stream().filter(o -> o.verdict() == Verdict.IMPROVED).toList();
    }

    /**
     * One line: {@code regression check: 3 files, 24 metrics checked, 1 run without
     * expectations}.
     */
    public String summary() {
      return "regression check: " + count(files.size(), "file", "files") + ", "
          + count(outcomes.size(), "metric", "metrics") + " checked, "
          + count(runsWithoutExpectations.size(), "run", "runs") + " without expectations";
    }

    /**
     * This result for a JSON encoder: {@code {"folder", "passed", "files", "metrics_checked",
     * "runs_without_expectations", "regressions": [line...], "improvements": [line...]}}.
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("folder", folder.toString());
      m.put("passed", passed());
      m.put("files", files.stream().map(Path::toString).toList());
      m.put("metrics_checked", outcomes.size());
      m.put("runs_without_expectations", runsWithoutExpectations);
      m.put("regressions", regressions().stream().map(Outcome::describe).toList());
      m.put("improvements", improvements().stream().map(Outcome::describe).toList());
      return m;
    }

    private static String count(int n, String one, String many) {
      return n + " " + (n == 1 ? one : many);
    }
  }
}
