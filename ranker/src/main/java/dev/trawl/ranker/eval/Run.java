package dev.trawl.ranker.eval;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A retrieval run: for each query id, a ranked list of scored documents, under one run tag.
 *
 * <h2>Order</h2>
 *
 * A run's order is defined by its scores, exactly as {@code trec_eval} defines it: entries are
 * sorted by score descending, and equal scores by document id <em>descending</em> (the byte order
 * of the UTF-8 ids, i.e. C's {@code strcmp}, which is Unicode code point order). {@code trec_eval}
 * ignores the rank column of a run file and re-sorts this way; {@code Run} does the same on every
 * path in ({@link Builder}, {@link #readTrec}) and numbers the ranks 1..n in that order. So the
 * ranking the {@link Evaluator} scores, the ranks {@link #writeTrec} writes, and the ranking
 * {@code trec_eval} reconstructs from the written file are the same list, and metrics computed
 * here equal {@code trec_eval}'s on the written file.
 *
 * <p>Scores are written with {@link Double#toString(double)}, the shortest decimal that reads back
 * as the same double, so a reader that parses scores as doubles (current {@code trec_eval}
 * sources, and {@link #readTrec}) sees exactly the scores held here. {@code trec_eval} 9.0.4 (the
 * build in jtreceval 0.0.5) parses scores as 32-bit floats: with it, two scores that differ only
 * beyond float precision tie and are re-ordered by document id. Runs whose scores are floats, as
 * Lucene's are, are not affected.
 *
 * <p>Instances are immutable and thread-safe. Within a query a document appears at most once
 * ({@code trec_eval} rejects duplicates too). Query ids, document ids and the tag are non-empty
 * and free of whitespace, so that every run can be written.
 */
public final class Run {
  /** Score descending, then document id descending in code point order: trec_eval's order. */
  private static final Comparator<RunEntry> TREC_EVAL_ORDER =
      (a, b) -> {
        if (a.score() > b.score()) {
          return -1;
        }
        if (a.score() < b.score()) {
          return 1;
        }
        return compareCodePoints(b.docId(), a.docId());
      };

  private static final String EMPTY_RUN_TAG = "empty";

  private final String tag;
  private final Map<String, List<RunEntry>> byQuery;

  private Run(String tag, Map<String, List<RunEntry>> byQuery) {
    this.tag = tag;
    this.byQuery = byQuery;
  }

  /** Starts a run with this tag (the last column of a TREC run file). */
  public static Builder builder(String tag) {
    return new Builder(tag);
  }

  /**
   * A run from ranked document ids without scores, for rankers that produce only an order: the
   * document at 0-based position {@code i} of a list of {@code n} gets score {@code n - i}, so the
   * run keeps the given order.
   *
   * @throws IllegalArgumentException if a list repeats a document or an id is not writable
   */
  public static Run fromRankings(String tag, Map<String, ? extends List<String>> rankings) {
    Builder builder = builder(tag);
    rankings.forEach(
        (qid, docs) -> {
          builder.addQuery(qid);
          for (int i = 0; i < docs.size(); i++) {
            builder.add(qid, docs.get(i), docs.size() - i);
          }
        });
    return builder.build();
  }

  /**
   * Reads a TREC run file: lines {@code qid Q0 docid rank score tag}, fields separated by
   * whitespace, extra fields after the tag ignored; blank lines and lines starting with {@code #}
   * skipped. As in {@code trec_eval}, the rank column is ignored (entries are re-ranked by score,
   * see the class comment) and the tag is that of the last line. A file without result lines
   * gives an empty run tagged {@code "empty"}.
   *
   * @throws MalformedFileException naming the file and line, if a line has fewer than six fields,
   *     a rank is not an integer, a score is not a finite number, or a query repeats a document
   */
  public static Run readTrec(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readTrec(reader, file.toString());
    }
  }

  /**
   * Reads a TREC run from a reader, as {@link #readTrec(Path)} does.
   *
   * @param source how error messages name the input, e.g. its file name
   */
  public static Run readTrec(BufferedReader reader, String source) throws IOException {
    Map<String, Map<String, Integer>> lineOf = new LinkedHashMap<>();
    Map<String, List<RunEntry>> entries = new LinkedHashMap<>();
    String tag = null;
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
      String[] f = trimmed.split("\\s+");
      if (f.length < 6) {
        throw new MalformedFileException(
            source,
            lineNo,
            "expected 6 whitespace-separated fields (qid Q0 docid rank score tag), found "
                + f.length);
      }
      try {
        Integer.parseInt(f[3]);
      } catch (NumberFormatException e) {
        throw new MalformedFileException(source, lineNo, "rank '" + f[3] + "' is not an integer");
      }
      double score;
      try {
        score = Double.parseDouble(f[4]);
      } catch (NumberFormatException e) {
        throw new MalformedFileException(source, lineNo, "score '" + f[4] + "' is not a number");
      }
      if (!Double.isFinite(score)) {
        throw new MalformedFileException(source, lineNo, "score '" + f[4] + "' is not finite");
      }
      Integer first = lineOf.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).putIfAbsent(f[2], lineNo);
      if (first != null) {
        throw new MalformedFileException(
            source,
            lineNo,
            "query " + f[0] + " retrieves document " + f[2] + " again (first at line " + first
                + ")");
      }
      entries.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new RunEntry(f[2], 1, score));
      tag = f[5];
    }
    return new Run(tag == null ? EMPTY_RUN_TAG : tag, rank(entries));
  }

  /**
   * Writes this run to a file in TREC format (UTF-8), replacing it.
   *
   * @see #writeTrec(Writer)
   */
  public void writeTrec(Path file) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeTrec(out);
    }
  }

  /**
   * Writes this run in TREC format: for each query (in {@link #queryIds()} order), one line
   * {@code qid Q0 docid rank score tag} per entry, in rank order, ranks 1..n, single spaces
   * between fields. The order is the one {@code trec_eval} reconstructs from the scores (see the
   * class comment). Flushes but does not close {@code out}.
   */
  public void writeTrec(Writer out) throws IOException {
    StringBuilder line = new StringBuilder(96);
    for (Map.Entry<String, List<RunEntry>> q : byQuery.entrySet()) {
      for (RunEntry e : q.getValue()) {
        line.setLength(0);
        line.append(q.getKey())
            .append(" Q0 ")
            .append(e.docId())
            .append(' ')
            .append(e.rank())
            .append(' ')
            .append(e.score())
            .append(' ')
            .append(tag)
            .append('\n');
        out.append(line);
      }
    }
    out.flush();
  }

  /** The run tag, the last column of a TREC run file. */
  public String tag() {
    return tag;
  }

  /** Query ids with an entry in this run (possibly with an empty list), in insertion order. */
  public List<String> queryIds() {
    return List.copyOf(byQuery.keySet());
  }

  /** Whether this run has a ranked list (possibly empty) for {@code queryId}. */
  public boolean contains(String queryId) {
    return byQuery.containsKey(queryId);
  }

  /**
   * The ranked list of {@code queryId}, in rank order with ranks 1..n; empty if the run has no
   * results for it. Unmodifiable.
   */
  public List<RunEntry> entries(String queryId) {
    return byQuery.getOrDefault(queryId, List.of());
  }

  /** The document ids of {@link #entries(String)}, in rank order. */
  public List<String> rankedDocIds(String queryId) {
    List<RunEntry> entries = entries(queryId);
    List<String> ids = new ArrayList<>(entries.size());
    for (RunEntry e : entries) {
      ids.add(e.docId());
    }
    return ids;
  }

  /** Number of queries with a ranked list. */
  public int queryCount() {
    return byQuery.size();
  }

  /** Number of entries over all queries. */
  public int size() {
    int n = 0;
    for (List<RunEntry> l : byQuery.values()) {
      n += l.size();
    }
    return n;
  }

  @Override
  public String toString() {
    return "Run[" + tag + ", " + queryCount() + " queries, " + size() + " entries]";
  }

  private static Map<String, List<RunEntry>> rank(Map<String, List<RunEntry>> unranked) {
    Map<String, List<RunEntry>> ranked = new LinkedHashMap<>();
    unranked.forEach(
        (qid, list) -> {
          List<RunEntry> sorted = new ArrayList<>(list);
          sorted.sort(TREC_EVAL_ORDER);
          List<RunEntry> out = new ArrayList<>(sorted.size());
          for (int i = 0; i < sorted.size(); i++) {
            RunEntry e = sorted.get(i);
            out.add(new RunEntry(e.docId(), i + 1, e.score()));
          }
          ranked.put(qid, Collections.unmodifiableList(out));
        });
    return Collections.unmodifiableMap(ranked);
  }

  /**
   * Compares strings by Unicode code point, which for valid strings is the byte order of their
   * UTF-8 encodings and so the order of C's {@code strcmp} on them. {@link String#compareTo}
   * differs when a supplementary character meets a character in U+E000..U+FFFF.
   */
  static int compareCodePoints(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        return codePointOrderKey(ca) - codePointOrderKey(cb);
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF, so UTF-16 units compare in code point order. */
  private static int codePointOrderKey(char c) {
    if (c >= 0xD800) {
      return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
    return c;
  }

  /**
   * Collects scored documents per query; {@link #build()} orders them (see {@link Run}). Not
   * thread-safe.
   */
  public static final class Builder {
    private final String tag;
    private final Map<String, Map<String, RunEntry>> byQuery = new LinkedHashMap<>();

    private Builder(String tag) {
      Objects.requireNonNull(tag, "tag");
      requireWritable(tag, "run tag");
      this.tag = tag;
    }

    /**
     * Registers {@code queryId} with an empty ranked list if it has none yet, so the run records
     * that the query was run even if nothing was retrieved.
     */
    public Builder addQuery(String queryId) {
      requireWritable(queryId, "query id");
      byQuery.computeIfAbsent(queryId, k -> new LinkedHashMap<>());
      return this;
    }

    /**
     * Adds a retrieved document.
     *
     * @throws IllegalArgumentException if the query already has this document, the score is not
     *     finite, or an id is empty or contains whitespace
     */
    public Builder add(String queryId, String docId, double score) {
      requireWritable(queryId, "query id");
      requireWritable(docId, "document id");
      RunEntry entry = new RunEntry(docId, 1, score);
      RunEntry previous =
          byQuery.computeIfAbsent(queryId, k -> new LinkedHashMap<>()).putIfAbsent(docId, entry);
      if (previous != null) {
        throw new IllegalArgumentException(
            "query " + queryId + " already retrieves document " + docId);
      }
      return this;
    }

    /** The run of everything added so far. The builder stays usable. */
    public Run build() {
      Map<String, List<RunEntry>> unranked = new LinkedHashMap<>();
      byQuery.forEach((qid, docs) -> unranked.put(qid, new ArrayList<>(docs.values())));
      return new Run(tag, rank(unranked));
    }

    private static void requireWritable(String id, String what) {
      Objects.requireNonNull(id, what);
      if (!TrecIds.isWritable(id)) {
        throw new IllegalArgumentException(what + " '" + id + "' is empty or contains whitespace");
      }
    }
  }
}
