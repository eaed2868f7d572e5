package dev.trawl.ranker.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relevance judgments: for each query id, a grade per judged document id.
 *
 * <p>Grades are integers; a grade {@code > 0} means relevant and is used as the gain by nDCG, a
 * grade {@code <= 0} means judged non-relevant (as with {@code trec_eval}'s default relevance
 * level of 1). Documents without a judgment are treated as non-relevant by every metric.
 *
 * <p>Query ids keep the order of their first appearance in the input, and so do the documents of
 * a query. Instances are immutable and thread-safe. A (query, document) pair may be judged once;
 * a repeated pair is an error, as it is for {@code trec_eval}.
 */
public final class Qrels {
  private static final String[] BEIR_HEADER = {"query-id", "corpus-id", "score"};

  private final Map<String, Map<String, Integer>> judgments;
  private final int size;

  private Qrels(Map<String, Map<String, Integer>> judgments) {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    int count = 0;
    for (Map.Entry<String, Map<String, Integer>> e : judgments.entrySet()) {
      copy.put(e.getKey(), Collections.unmodifiableMap(new LinkedHashMap<>(e.getValue())));
      count += e.getValue().size();
    }
    this.judgments = Collections.unmodifiableMap(copy);
    this.size = count;
  }

  /**
   * Builds qrels from memory. The iteration order of both map levels becomes the order of
   * {@link #queryIds()} and of each {@link #judgments(String)}.
   *
   * @throws NullPointerException if an id or grade is null
   */
  public static Qrels of(Map<String, ? extends Map<String, Integer>> judgments) {
    Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
    judgments.forEach(
        (qid, docs) -> {
          Map<String, Integer> row = new LinkedHashMap<>();
          docs.forEach(
              (doc, grade) -> row.put(requireId(doc, "document id"), requireGrade(grade)));
          copy.put(requireId(qid, "query id"), row);
        });
    return new Qrels(copy);
  }

  /**
   * Reads the qrels of one split of a dataset in BEIR layout: {@code <datasetDir>/qrels/<split>.tsv}.
   *
   * @see #readBeir(Path)
   */
  public static Qrels readBeirSplit(Path datasetDir, String split) throws IOException {
    return readBeir(datasetDir.resolve("qrels").resolve(split + ".tsv"));
  }

  /**
   * Reads a BEIR qrels file: an optional header line {@code query-id<TAB>corpus-id<TAB>score},
   * then one row {@code query-id<TAB>corpus-id<TAB>score} per judgment, UTF-8, LF or CRLF line
   * endings. Blank lines are skipped.
   *
   * @throws MalformedFileException naming the file and line, if a row does not have three
   *     tab-separated fields, a score is not an integer, an id is empty, or a pair is repeated
   */
  public static Qrels readBeir(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readBeir(reader, file.toString());
    }
  }

  /**
   * Reads BEIR qrels from a reader, as {@link #readBeir(Path)} does.
   *
   * @param source how error messages name the input, e.g. its file name
   */
  public static Qrels readBeir(BufferedReader reader, String source) throws IOException {
    Parser parser = new Parser(source);
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte order mark is not part of the first field
      }
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (lineNo == 1 && isBeirHeader(fields)) {
        continue;
      }
      if (fields.length != 3) {
        throw new MalformedFileException(
            source,
            lineNo,
            "expected 3 tab-separated fields (query-id, corpus-id, score), found "
                + fields.length);
      }
      parser.add(lineNo, fields[0].strip(), fields[1].strip(), fields[2].strip());
    }
    return parser.build();
  }

  /**
   * Reads a TREC qrels file: one judgment per line, {@code qid iteration docid grade}, fields
   * separated by whitespace; the iteration field is ignored. Blank lines and lines starting with
   * {@code #} are skipped, as {@code trec_eval} does.
   *
   * @throws MalformedFileException naming the file and line, if a line does not have four fields,
   *     a grade is not an integer, or a pair is repeated
   */
  public static Qrels readTrec(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readTrec(reader, file.toString());
    }
  }

  /**
   * Reads TREC qrels from a reader, as {@link #readTrec(Path)} does.
   *
   * @param source how error messages name the input, e.g. its file name
   */
  public static Qrels readTrec(BufferedReader reader, String source) throws IOException {
    Parser parser = new Parser(source);
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1); // a byte order mark is not part of the first field
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\\s+");
      if (fields.length != 4) {
        throw new MalformedFileException(
            source,
            lineNo,
            "expected 4 whitespace-separated fields (qid, iteration, docid, grade), found "
                + fields.length);
      }
      parser.add(lineNo, fields[0], fields[2], fields[3]);
    }
    return parser.build();
  }

  /**
   * Writes these judgments in TREC qrels format ({@code qid 0 docid grade}, one per line), the
   * input {@code trec_eval} expects. Ids must not contain whitespace.
   *
   * @throws IllegalStateException if an id contains whitespace and so cannot be written
   */
  public void writeTrec(Writer out) throws IOException {
    for (Map.Entry<String, Map<String, Integer>> q : judgments.entrySet()) {
      TrecIds.requireWritable(q.getKey(), "query id");
      for (Map.Entry<String, Integer> d : q.getValue().entrySet()) {
        TrecIds.requireWritable(d.getKey(), "document id");
        out.write(q.getKey() + " 0 " + d.getKey() + " " + d.getValue() + "\n");
      }
    }
    out.flush();
  }

  /** The judged query ids, in order of first appearance. For a split's file, the split's queries. */
  public List<String> queryIds() {
    return List.copyOf(judgments.keySet());
  }

  /** Whether {@code queryId} has at least one judgment (of any grade). */
  public boolean contains(String queryId) {
    return judgments.containsKey(queryId);
  }

  /**
   * The grades of the documents judged for {@code queryId}, unmodifiable; empty if the query has
   * no judgments.
   */
  public Map<String, Integer> judgments(String queryId) {
    return judgments.getOrDefault(queryId, Map.of());
  }

  /** Number of judged documents with grade {@code > 0} for {@code queryId}. */
  public int relevantCount(String queryId) {
    int n = 0;
    for (int grade : judgments(queryId).values()) {
      if (grade > 0) {
        n++;
      }
    }
    return n;
  }

  /** Number of judged queries. */
  public int queryCount() {
    return judgments.size();
  }

  /** Number of judgments (rows of the qrels file), over all queries. */
  public int size() {
    return size;
  }

  @Override
  public String toString() {
    return "Qrels[" + queryCount() + " queries, " + size + " judgments]";
  }

  private static boolean isBeirHeader(String[] fields) {
    if (fields.length != BEIR_HEADER.length) {
      return false;
    }
    for (int i = 0; i < fields.length; i++) {
      if (!fields[i].strip().equalsIgnoreCase(BEIR_HEADER[i])) {
        return false;
      }
    }
    return true;
  }

  private static String requireId(String id, String what) {
    if (id == null) {
      throw new NullPointerException(what);
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("empty " + what);
    }
    return id;
  }

  private static Integer requireGrade(Integer grade) {
    if (grade == null) {
      throw new NullPointerException("grade");
    }
    return grade;
  }

  /** Accumulates rows and rejects bad ones with a located message. */
  private static final class Parser {
    private final String source;
    private final Map<String, Map<String, Integer>> judgments = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> firstLine = new LinkedHashMap<>();

    Parser(String source) {
      this.source = source;
    }

    void add(int lineNo, String qid, String docId, String gradeText) throws MalformedFileException {
      if (qid.isEmpty()) {
        throw new MalformedFileException(source, lineNo, "empty query id");
      }
      if (docId.isEmpty()) {
        throw new MalformedFileException(source, lineNo, "empty document id");
      }
      int grade;
      try {
        grade = Integer.parseInt(gradeText);
      } catch (NumberFormatException e) {
        throw new MalformedFileException(
            source, lineNo, "grade '" + gradeText + "' is not an integer");
      }
      Integer previous = firstLine.computeIfAbsent(qid, k -> new LinkedHashMap<>()).get(docId);
      if (previous != null) {
        throw new MalformedFileException(
            source,
            lineNo,
            "query " + qid + " judges document " + docId + " again (first at line " + previous
                + ")");
      }
      firstLine.get(qid).put(docId, lineNo);
      judgments.computeIfAbsent(qid, k -> new LinkedHashMap<>()).put(docId, grade);
    }

    Qrels build() {
      return new Qrels(judgments);
    }
  }
}
