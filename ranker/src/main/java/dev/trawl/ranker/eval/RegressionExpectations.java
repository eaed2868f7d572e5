package dev.trawl.ranker.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The expected metric values of one experiment (a dataset, a retrieval mode and a split), and the
 * check of an {@link EvalReport} against them: Trawl's regression numbers, kept as data.
 *
 * <p>The check is one-sided, as every metric is higher-is-better: a value lower than expected by
 * more than its tolerance is a regression; a higher one is reported as an improvement (the file
 * is out of date) and does not fail.
 *
 * <h2>File format</h2>
 *
 * A JSON object; {@code tolerance} is optional (default {@value #DEFAULT_TOLERANCE}), a metric's
 * value is either its expected number or an object with its own {@code tolerance}, metric names
 * are anything {@link Metric#parse(String)} reads:
 *
 * <pre>{@code
 * {
 *   "dataset": "scifact",
 *   "mode": "bm25",
 *   "split": "test",
 *   "model": "lambdamart-6dbeb57970",
 *   "tolerance": 0.005,
 *   "metrics": {
 *     "ndcg@10": 0.6789,
 *     "recall@100": {"expected": 0.9253, "tolerance": 0.002}
 *   }
 * }
 * }</pre>
 *
 * Unknown fields are errors, so a misspelt key does not silently disable a check. {@code model}
 * (optional) names the reranker model a reranked run's numbers were measured with; it documents
 * the file and is not checked.
 *
 * @param dataset dataset name, e.g. {@code scifact}
 * @param mode retrieval mode, e.g. {@code bm25} or {@code hybrid}
 * @param split the qrels split evaluated, e.g. {@code test}
 * @param expectations one per metric, in file order, metric names canonical
 * @param model the reranker model's id for a reranked run, or null
 */
public record RegressionExpectations(
    String dataset, String mode, String split, List<Expectation> expectations, String model) {
  /** Tolerance used when the file gives none. */
  public static final double DEFAULT_TOLERANCE = 0.005;

  /** Absorbs decimal-to-binary rounding, so that a value exactly at the tolerance passes. */
  private static final double SLACK = 1e-9;

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private static final List<String> TOP_LEVEL_FIELDS =
      List.of("dataset", "mode", "split", "model", "tolerance", "metrics");

  /**
   * One expected value.
   *
   * @param metric canonical metric name ({@link Metric#name()})
   * @param expected the expected mean
   * @param tolerance the largest accepted absolute difference, {@code >= 0}
   */
  public record Expectation(String metric, double expected, double tolerance) {
    public Expectation {
      Objects.requireNonNull(metric, "metric");
      if (!(tolerance >= 0) || !Double.isFinite(expected)) {
        throw new IllegalArgumentException(
            "bad expectation for " + metric + ": " + expected + " ± " + tolerance);
      }
    }

    /**
     * Whether {@code actual} is not worse than the expected value by more than the tolerance
     * (inclusive). Every metric here is higher-is-better, so any value above the expectation is
     * accepted: the check is one-sided.
     */
    public boolean accepts(double actual) {
      return verdict(actual) != Verdict.REGRESSED;
    }

    /** How {@code actual} compares with the expected value (never {@link Verdict#MISSING}). */
    public Verdict verdict(double actual) {
      if (actual < expected - tolerance - SLACK) {
        return Verdict.REGRESSED;
      }
      return actual > expected + tolerance + SLACK ? Verdict.IMPROVED : Verdict.WITHIN;
    }
  }

  /** How a measured value compares with its expectation. */
  public enum Verdict {
    /** Within the tolerance of the expected value, either side. */
    WITHIN,
    /** Lower than the expected value by more than the tolerance: a regression. */
    REGRESSED,
    /** Higher than the expected value by more than the tolerance: the file is out of date. */
    IMPROVED,
    /** The report has no value for the metric: counted as a regression. */
    MISSING
  }

  /**
   * One expectation checked against a report.
   *
   * @param label the file's {@link #label()}, e.g. {@code scifact/bm25}
   * @param expectation what was expected
   * @param actual the report's mean, or null if it has no such metric
   * @param verdict how they compare
   * @param reportMetrics the report's metric names, for the message when the metric is missing
   */
  public record Outcome(
      String label, Expectation expectation, Double actual, Verdict verdict, List<String> reportMetrics) {
    public Outcome {
      Objects.requireNonNull(verdict, "verdict");
      reportMetrics = List.copyOf(reportMetrics);
    }

    /** Whether this outcome fails the check: a regression, or a metric the report lacks. */
    public boolean fails() {
      return verdict == Verdict.REGRESSED || verdict == Verdict.MISSING;
    }

    /**
     * A human-readable line, e.g. {@code scifact/bm25 ndcg@10: expected 0.6789 ± 0.005, got
     * 0.6512 (-0.0277)}; the difference is left out for a value within the tolerance.
     */
    public String describe() {
      String prefix =
          label + " " + expectation.metric() + ": expected " + plain(expectation.expected())
              + " ± " + plain(expectation.tolerance());
      if (actual == null) {
        return prefix + ", but the report has no such metric (it has " + reportMetrics + ")";
      }
      String got = prefix + ", got " + String.format(Locale.ROOT, "%.4f", actual);
      return verdict == Verdict.WITHIN
          ? got
          : got + String.format(Locale.ROOT, " (%+.4f)", actual - expectation.expected());
    }
  }

  public RegressionExpectations {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(split, "split");
    expectations = List.copyOf(expectations);
  }

  /** Expectations without a model (a run that is not reranked). */
  public RegressionExpectations(String dataset, String mode, String split, List<Expectation> expectations) {
    this(dataset, mode, split, expectations, null);
  }

  /** These expectations, noting the reranker model they were measured with (null: none). */
  public RegressionExpectations withModel(String model) {
    return new RegressionExpectations(dataset, mode, split, expectations, model);
  }

  /**
   * Reads an expectations file.
   *
   * @throws MalformedFileException naming the file, if it is not valid JSON (with line), lacks a
   *     field, has an unknown field, or names an unknown metric
   */
  public static RegressionExpectations read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses expectations from JSON text, as {@link #read(Path)} does.
   *
   * @param source how error messages name the input
   */
  public static RegressionExpectations parse(String json, String source)
      throws MalformedFileException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new MalformedFileException(source, line, "malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedFileException(source, 0, "expected a JSON object");
    }
    for (Map.Entry<String, JsonNode> property : root.properties()) {
      String field = property.getKey();
      if (!TOP_LEVEL_FIELDS.contains(field)) {
        throw new MalformedFileException(
            source, 0, "unknown field \"" + field + "\"; expected " + TOP_LEVEL_FIELDS);
      }
    }
    String dataset = requireText(root, "dataset", source);
    String mode = requireText(root, "mode", source);
    String split = requireText(root, "split", source);
    String model = root.has("model") ? requireText(root, "model", source) : null;
    double tolerance = DEFAULT_TOLERANCE;
    if (root.has("tolerance")) {
      tolerance = requireNumber(root.get("tolerance"), "tolerance", source);
    }
    JsonNode metrics = root.get("metrics");
    if (metrics == null || !metrics.isObject() || metrics.isEmpty()) {
      throw new MalformedFileException(
          source, 0, "\"metrics\" must be a non-empty object of metric name to expected value");
    }
    List<Expectation> expectations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : metrics.properties()) {
      String where = "metrics." + e.getKey();
      String name;
      try {
        name = Metric.parse(e.getKey()).name();
      } catch (IllegalArgumentException ex) {
        throw new MalformedFileException(source, 0, where + ": " + ex.getMessage());
      }
      double expected;
      double metricTolerance = tolerance;
      JsonNode v = e.getValue();
      if (v.isObject()) {
        for (Map.Entry<String, JsonNode> property : v.properties()) {
          String field = property.getKey();
          if (!field.equals("expected") && !field.equals("tolerance")) {
            throw new MalformedFileException(
                source, 0, where + ": unknown field \"" + field + "\"");
          }
        }
        expected = requireNumber(v.get("expected"), where + ".expected", source);
        if (v.has("tolerance")) {
          metricTolerance = requireNumber(v.get("tolerance"), where + ".tolerance", source);
        }
      } else {
        expected = requireNumber(v, where, source);
      }
      if (metricTolerance < 0) {
        throw new MalformedFileException(source, 0, where + ": tolerance must be >= 0");
      }
      for (Expectation previous : expectations) {
        if (previous.metric().equals(name)) {
          throw new MalformedFileException(source, 0, where + ": metric " + name + " given twice");
        }
      }
      expectations.add(new Expectation(name, expected, metricTolerance));
    }
    return new RegressionExpectations(dataset, mode, split, expectations, model);
  }

  /**
   * Expectations equal to a report's means, rounded to 4 decimals as published baselines are,
   * each with tolerance {@code tolerance}: how a new regression file is started.
   */
  public static RegressionExpectations fromReport(
      String dataset, String mode, String split, EvalReport report, double tolerance) {
    List<Expectation> expectations = new ArrayList<>();
    report
        .means()
        .forEach(
            (metric, mean) ->
                expectations.add(
                    new Expectation(
                        metric,
                        BigDecimal.valueOf(mean).setScale(4, RoundingMode.HALF_EVEN).doubleValue(),
                        tolerance)));
    return new RegressionExpectations(dataset, mode, split, expectations);
  }

  /** The metrics to compute for this experiment, in file order. */
  public List<Metric> metrics() {
    return expectations.stream().map(e -> Metric.parse(e.metric())).toList();
  }

  /** {@code dataset/mode}, the label failures start with. */
  public String label() {
    return dataset + "/" + mode;
  }

  /**
   * Compares the report's means with every expectation, in file order. The check is one-sided:
   * only a value lower than expected by more than the tolerance (or a metric the report lacks)
   * fails; a higher one is {@link Verdict#IMPROVED}, a sign the file should be rewritten.
   */
  public List<Outcome> compare(EvalReport report) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Expectation e : expectations) {
      Double actual = report.means().get(e.metric());
      Verdict verdict = actual == null ? Verdict.MISSING : e.verdict(actual);
      outcomes.add(new Outcome(label(), e, actual, verdict, report.metrics()));
    }
    return outcomes;
  }

  /**
   * The failures of {@link #compare(EvalReport)}.
   *
   * @return one human-readable line per failed expectation, in file order, e.g. {@code
   *     scifact/bm25 ndcg@10: expected 0.6789 ± 0.005, got 0.6512 (-0.0277)}; empty if none
   *     regressed. A metric the report lacks is a failure; a value better than expected is not.
   */
  public List<String> check(EvalReport report) {
    return compare(report).stream().filter(Outcome::fails).map(Outcome::describe).toList();
  }

  /**
   * This file as JSON text in the format {@link #parse} reads; every metric carries its tolerance
   * only where it differs from the file-level default ({@value #DEFAULT_TOLERANCE}).
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("dataset", dataset);
    root.put("mode", mode);
    root.put("split", split);
    if (model != null) {
      root.put("model", model);
    }
    root.put("tolerance", DEFAULT_TOLERANCE);
    ObjectNode metrics = root.putObject("metrics");
    for (Expectation e : expectations) {
      if (e.tolerance() == DEFAULT_TOLERANCE) {
        metrics.put(e.metric(), e.expected());
      } else {
        ObjectNode m = metrics.putObject(e.metric());
        m.put("expected", e.expected());
        m.put("tolerance", e.tolerance());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a JSON tree", e);
    }
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String requireText(JsonNode root, String field, String source)
      throws MalformedFileException {
    JsonNode v = root.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new MalformedFileException(source, 0, "missing string field \"" + field + "\"");
    }
    return v.asText();
  }

  private static double requireNumber(JsonNode v, String where, String source)
      throws MalformedFileException {
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new MalformedFileException(source, 0, where + ": expected a number");
    }
    return v.asDouble();
  }
}
